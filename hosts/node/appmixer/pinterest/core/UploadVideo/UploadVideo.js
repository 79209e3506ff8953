'use strict';

// Uploads a video the platform holds (an Appmixer file) and waits until
// Pinterest has processed it (the component's `upload-video`, then
// `wait-for-media`). The file streams from Appmixer's file store into a
// temporary file that the Node host holds as content the component names in
// the upload's body: the bytes go from disk to Pinterest's upload URL, never
// through the component nor whole into this process's memory.

const crypto = require('node:crypto');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pipeline } = require('node:stream/promises');

const lib = require('../../lib');

/** Streams Appmixer file `fileId` into a new private temporary directory; resolves to its path there. */
async function copyToDisk(context, fileId) {
    const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'pinterest-video-'));
    const file = path.join(dir, 'video');
    try {
        await pipeline(await context.getFileReadStream(fileId), fs.createWriteStream(file, { mode: 0o600 }));
    } catch (error) {
        await fs.promises.rm(dir, { recursive: true, force: true });
        throw error;
    }
    return file;
}

module.exports = {

    async receive(context) {
        const { fields } = lib.messageFields(context, 'UploadVideo');
        const { fileId, fileName, maxSeconds } = fields;
        if (fileId === undefined) throw new context.CancelError('Choose the video file to upload.');
        const info = await context.getFileInfo(fileId);
        const { holdContent, releaseContent } = await lib.ready;
        const file = await copyToDisk(context, fileId);
        const content = `appmixer-video-${crypto.randomUUID()}`;
        try {
            holdContent(content, file);
            const video = { content };
            const name = fileName || (info && info.filename);
            if (name) video['file-name'] = name;
            const uploaded = await lib.run(context, 'upload-video', { video });
            let media;
            try {
                media = await lib.call('wait-for-media', {
                    config: lib.config(context),
                    'access-token': context.auth.accessToken,
                    'media-id': uploaded['media-id'],
                    'max-seconds': maxSeconds
                });
            } catch (error) {
                // The upload is done: a retry of this message would upload it
                // again, so even a wait that ran out stops here, with the id
                // to go on with.
                if (error && error.name === 'ConnectorError') {
                    throw new context.CancelError(`${error.message} Media ID: ${uploaded['media-id']}.`);
                }
                throw error;
            }
            return context.sendJson(lib.camelKeys(media), 'out');
        } finally {
            releaseContent(content);
            await fs.promises.rm(path.dirname(file), { recursive: true, force: true });
        }
    }
};
