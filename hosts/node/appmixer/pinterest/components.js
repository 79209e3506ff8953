'use strict';

// The connector's Appmixer components, each an operation of the Pinterest
// component: which operation, and where each port field goes in its input.
// Read by the generator (lib/appmixer.js writes every component.json from
// this table and the component's manifest: schemas, help text, scopes,
// quota category) and at run time (lib.js builds the operation's input from
// a message by the same table), so a field is named in one place.
//
// A field is [name, pointer, extras]: the pointer is a path into the
// operation's input, by WIT names: `changes.name` is the `name` field of
// the `changes` record; `source#board` is the `val` of the `board` case of
// the `source` variant; `wait-for-media:max-seconds` a field of another
// operation the component runs. A field the manifest does not describe (an
// Appmixer file, a query string) carries its own `schema` and no pointer. Extras:
// `dropdown` ('board', or 'section': a section of the board chosen in the
// `boardId` field), `required`, `tooltip`, `label`, `type` (the inspector's
// input type when the schema's is not the one). `build` turns the
// fields into the operation's input where a pointer cannot say it (a
// variant chosen by which fields are given); `output` shapes the answer:
// `list` (the items of a list-all operation under `items`, with their
// count and the bookmark where the cap stopped), `echo` (the input fields,
// for operations that return nothing), `each` (a trigger's items, one
// message each), `operation` (another operation's output), `extra` (fields
// added to the operation's), or by default the operation's own output.
// Also: `also` (further operations run, whose scopes are asked for too),
// `quota` (the rate-limit category when the operation has none),
// `dropdownSource` (the field a dropdown source answers an empty list
// without), `trigger` (a polling trigger: its fields are properties and it
// runs at each tick).

/** An Appmixer flow variable not yet replaced by a value, e.g. `{{{$.a1.out.[id]}}}`. */
function isVariable(value) {
    return typeof value === 'string' && /^\{\{\{.*\}\}\}$/.test(value);
}

/** An error about the fields as given, named as the inspector names them. */
class FieldError extends Error {
    constructor(message) {
        super(message);
        this.name = 'FieldError';
    }
}

/**
 * The `pin-source` of a board's or section's pins, or the account's when
 * neither is given: `boardId` alone is the board, with `sectionId` the
 * section.
 */
function pinSource({ boardId, sectionId }) {
    if (sectionId !== undefined) {
        if (boardId === undefined) throw new FieldError('Section ID needs the Board ID it belongs to.');
        return { tag: 'section', val: { 'board-id': boardId, 'section-id': sectionId } };
    }
    return boardId === undefined ? { tag: 'account' } : { tag: 'board', val: boardId };
}

/** `create-pin`'s media: one image URL, or an uploaded video with its cover. */
function pinMedia({ imageUrl, mediaId, coverImageUrl, coverKeyFrameSeconds }) {
    if (mediaId === undefined) {
        if (imageUrl === undefined) {
            throw new FieldError('Give Image URL for an image pin, or Media ID (from Upload video) for a video pin.');
        }
        if (coverImageUrl !== undefined || coverKeyFrameSeconds !== undefined) {
            throw new FieldError('A cover is for a video pin: give Media ID with it, or leave the cover out.');
        }
        return { tag: 'image-url', val: imageUrl };
    }
    if (imageUrl !== undefined) {
        throw new FieldError('Give Image URL or Media ID, not both: a pin is an image or a video.');
    }
    if ((coverImageUrl === undefined) === (coverKeyFrameSeconds === undefined)) {
        throw new FieldError('A video pin needs one cover: Cover image URL or Cover key frame seconds.');
    }
    const cover = coverImageUrl === undefined
        ? { tag: 'key-frame-seconds', val: coverKeyFrameSeconds }
        : { tag: 'url', val: coverImageUrl };
    return { tag: 'video', val: { 'media-id': mediaId, cover } };
}

/** `page_size=25&bookmark=x` → `[{name, value}]`, in order, repeats kept. */
function queryPairs(text) {
    if (text === undefined) return [];
    return [...new URLSearchParams(text.replace(/^\?/, ''))].map(([name, value]) => ({ name, value }));
}

/** The fields that choose a pin source, board first. */
const PIN_SOURCE_FIELDS = [
    ['boardId', 'source#board', {
        dropdown: 'board',
        label: 'Board ID',
        tooltip: 'The board whose pins to use; none for every pin of the account.'
    }],
    ['sectionId', 'source#section.section-id', {
        dropdown: 'section',
        tooltip: 'A section of that board, to use only its pins.'
    }]
];

/** The pin fields of create-pin but the board and the media, in WIT order. */
const PIN_TEXT_FIELDS = [
    ['title', 'pin.title'],
    ['description', 'pin.description'],
    ['link', 'pin.link'],
    ['altText', 'pin.alt-text'],
    ['dominantColor', 'pin.dominant-color'],
    ['parentPinId', 'pin.parent-pin-id']
];

/** Every component by name: its operation, description, fields and output. */
const components = {

    ListBoards: {
        operation: 'list-all-boards',
        description: 'Lists the boards of the account, every page, up to Max boards.',
        fields: [['privacy', 'privacy'], ['maxBoards', 'max-boards']],
        output: { list: 'boards' }
    },

    GetBoard: {
        operation: 'get-board',
        description: 'Gets a board.',
        fields: [['boardId', 'board-id', { dropdown: 'board' }]]
    },

    CreateBoard: {
        operation: 'create-board',
        description: 'Creates a board.',
        fields: [
            ['name', 'board.name'],
            ['description', 'board.description'],
            ['privacy', 'board.privacy'],
            ['isAdsOnly', 'board.is-ads-only']
        ]
    },

    UpdateBoard: {
        operation: 'update-board',
        description: 'Changes the name, description or visibility of a board; fields left empty stay as they are.',
        fields: [
            ['boardId', 'board-id', { dropdown: 'board' }],
            ['name', 'changes.name'],
            ['description', 'changes.description'],
            ['privacy', 'changes.privacy']
        ]
    },

    DeleteBoard: {
        operation: 'delete-board',
        description: 'Deletes a board with its sections and pins.',
        fields: [['boardId', 'board-id', { dropdown: 'board' }]],
        output: 'echo'
    },

    ListSections: {
        operation: 'list-all-sections',
        description: 'Lists the sections of a board, every page, up to Max items.',
        fields: [['boardId', 'board-id', { dropdown: 'board' }], ['maxItems', 'max-items']],
        output: { list: 'sections' },
        // Feeds the section dropdowns, asked with `isSource` before a board is chosen.
        dropdownSource: 'boardId'
    },

    CreateSection: {
        operation: 'create-section',
        description: 'Creates a section on a board.',
        fields: [['boardId', 'board-id', { dropdown: 'board' }], ['name', 'name']]
    },

    UpdateSection: {
        operation: 'update-section',
        description: 'Renames a section of a board.',
        fields: [
            ['boardId', 'section.board-id', { dropdown: 'board' }],
            ['sectionId', 'section.section-id', { dropdown: 'section' }],
            ['name', 'name']
        ]
    },

    DeleteSection: {
        operation: 'delete-section',
        description: 'Deletes a section of a board with the pins in it.',
        fields: [
            ['boardId', 'section.board-id', { dropdown: 'board' }],
            ['sectionId', 'section.section-id', { dropdown: 'section' }]
        ],
        output: 'echo'
    },

    GetPin: {
        operation: 'get-pin',
        description: 'Gets a pin.',
        fields: [['pinId', 'pin-id']]
    },

    ListPins: {
        operation: 'list-all-pins',
        description: 'Lists the pins of a board, of a section, or of the whole account, every page, up to Max items.',
        fields: [...PIN_SOURCE_FIELDS, ['maxItems', 'max-items']],
        build: ({ boardId, sectionId, maxItems }) => ({
            source: pinSource({ boardId, sectionId }),
            'max-items': maxItems
        }),
        output: { list: 'pins' }
    },

    CreatePin: {
        operation: 'create-pin',
        description: 'Creates a pin on a board: an image from its URL, or a video uploaded with Upload video and its cover.',
        fields: [
            ['boardId', 'pin.board-id', { dropdown: 'board' }],
            ['boardSectionId', 'pin.board-section-id', { dropdown: 'section' }],
            ['imageUrl', 'pin.media#image-url', {
                label: 'Image URL',
                tooltip: 'Public URL Pinterest fetches the image from (an image pin).'
            }],
            ['mediaId', 'pin.media#video.media-id', {
                tooltip: 'The video, as Upload video returned it once processed (a video pin; give its cover too).'
            }],
            ['coverImageUrl', 'pin.media#video.cover#url', {
                label: 'Cover image URL',
                tooltip: "Public URL of the video's cover image."
            }],
            ['coverKeyFrameSeconds', 'pin.media#video.cover#key-frame-seconds', {
                label: 'Cover key frame seconds',
                tooltip: 'Or make the cover from the frame this many seconds into the video (the last frame if it is shorter).'
            }],
            ...PIN_TEXT_FIELDS
        ],
        build: (fields) => {
            const pin = { media: pinMedia(fields) };
            for (const [name, pointer] of [['boardId', 'pin.board-id'], ['boardSectionId', 'pin.board-section-id'], ...PIN_TEXT_FIELDS]) {
                if (fields[name] !== undefined) pin[pointer.slice('pin.'.length)] = fields[name];
            }
            return { pin };
        }
    },

    UpdatePin: {
        operation: 'update-pin',
        description: 'Changes a pin: moves it to another board or section, or changes its texts; fields left empty stay as they are.',
        fields: [
            ['pinId', 'pin-id'],
            ['boardId', 'changes.board-id', { dropdown: 'board' }],
            ['boardSectionId', 'changes.board-section-id', { dropdown: 'section' }],
            ['title', 'changes.title'],
            ['description', 'changes.description'],
            ['link', 'changes.link'],
            ['altText', 'changes.alt-text']
        ]
    },

    DeletePin: {
        operation: 'delete-pin',
        description: 'Deletes a pin.',
        fields: [['pinId', 'pin-id']],
        output: 'echo'
    },

    SavePin: {
        operation: 'save-pin',
        description: 'Saves a pin (any public pin) to a board of the account, or to a section of it.',
        fields: [
            ['pinId', 'pin-id'],
            ['boardId', 'board-id', { dropdown: 'board' }],
            ['boardSectionId', 'board-section-id', { dropdown: 'section' }]
        ]
    },

    UploadVideo: {
        operation: 'upload-video',
        also: ['wait-for-media'],
        description: 'Uploads a video file to Pinterest and waits until it is processed; its Media ID then makes a video pin (Create pin).',
        fields: [
            ['fileId', null, {
                label: 'Video file',
                type: 'filepicker',
                required: true,
                schema: { type: 'string', minLength: 1 },
                tooltip: 'The video (an Appmixer file). Its bytes stream from the file store to Pinterest: 1 byte to 2 GiB.'
            }],
            ['fileName', 'video.file-name', {
                tooltip: 'The file name sent with the upload; by default the name of the Appmixer file.'
            }],
            ['maxSeconds', 'wait-for-media:max-seconds', { label: 'Wait at most (seconds)' }]
        ],
        // UploadVideo.js runs upload-video then wait-for-media; it answers as wait-for-media.
        output: { operation: 'wait-for-media' }
    },

    GetMedia: {
        operation: 'get-media',
        description: 'Tells where the processing of an uploaded video stands.',
        fields: [['mediaId', 'media-id']]
    },

    ApiRequest: {
        operation: 'api-request',
        description: 'Calls any endpoint of Pinterest API v5 with the connected account (for what the other components do not cover).',
        fields: [
            ['method', 'method'],
            ['path', 'path'],
            ['query', null, {
                schema: { type: 'string', maxLength: 8192 },
                type: 'text',
                tooltip: 'Query parameters as in a URL, e.g. page_size=25&bookmark=abc (values URL-encoded).'
            }],
            ['jsonBody', 'json-body', { label: 'JSON body', type: 'textarea' }]
        ],
        build: ({ method, path, query, jsonBody }) => ({
            method,
            path,
            query: queryPairs(query),
            'json-body': jsonBody
        }),
        // Any endpoint: paced as writes, the stricter of Pinterest's categories.
        quota: 'org_write',
        output: {
            extra: {
                data: { description: 'The body parsed as JSON; none when it is empty or not JSON.' }
            }
        }
    },

    FindDuplicatePins: {
        operation: 'find-duplicate-pins',
        description: 'Finds the pins of a board, a section or the account that match a link, an image URL or a title (letter case aside), to skip creating a pin twice.',
        fields: [
            ...PIN_SOURCE_FIELDS,
            ['link', 'candidate.link'],
            ['imageUrl', 'candidate.image-url', { label: 'Image URL' }],
            ['title', 'candidate.title'],
            ['maxScanned', 'max-scanned']
        ],
        build: ({ boardId, sectionId, link, imageUrl, title, maxScanned }) => ({
            source: pinSource({ boardId, sectionId }),
            candidate: { link, 'image-url': imageUrl, title },
            'max-scanned': maxScanned
        })
    },

    NewPin: {
        operation: 'poll-new-pins',
        description: 'Triggers on each pin created on a board, a section or the account, oldest first (checked at every tick; the first tick only marks where to start).',
        trigger: true,
        fields: PIN_SOURCE_FIELDS,
        build: ({ boardId, sectionId }) => ({ source: pinSource({ boardId, sectionId }) }),
        output: { each: 'pins' }
    }
};

module.exports = { components, isVariable, FieldError, pinSource, pinMedia, queryPairs };
