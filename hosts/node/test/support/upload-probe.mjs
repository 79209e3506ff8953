// Runs the Appmixer UploadVideo component in a process of its own and
// prints its answer with the process's peak memory before and after
// (`process.resourceUsage().maxRSS`), so that a test can tell how much of
// the video was held. A small upload first warms everything up (the
// component, the HTTP worker, the file copy).
//
// Usage: node upload-probe.mjs '{"account": {accessToken, config}, "warmUp": PATH, "video": PATH}'
// (without an argument, as `node --test test/` runs it, it does nothing).

import { files, load, receive } from './appmixer.js';

async function main({ account, warmUp, video }) {
  await load('lib.js').ready;
  const store = files({ warmUp, video });
  await receive('UploadVideo', { fileId: 'warmUp', maxSeconds: 60 }, { ...account, store });
  const before = process.resourceUsage().maxRSS * 1024;
  const [message] = await receive('UploadVideo', { fileId: 'video', maxSeconds: 60 }, { ...account, store });
  const after = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ media: message.data, bytesRead: store.bytesRead.video, before, after }));
}

if (process.argv[2]) await main(JSON.parse(process.argv[2]));
