// Every Appmixer component of the connector against the Pinterest stand-in,
// through the real component: each receives its fields as a flow sends them
// and answers on the fields its out port declares; the board and section
// dropdowns as the designer fills them; UploadVideo streaming an Appmixer
// file into Pinterest's upload and the video pin made from it.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';

import { CancelError, authContext, dropdown, files, load, outFields, receive } from './support/appmixer.js';
import { settledRequests, startStandIn } from './support/stand-in.js';

const auth = load('auth.js').definition;
const lib = load('lib.js');

const BOARD = '549755885100';
const QUIET_BOARD = '549755885101';

let pinterest;
let account;
let dir;

/** A token for `standIn`'s sandbox, or its production API with `production`. */
async function signIn(standIn, { production = false } = {}) {
  const context = authContext(standIn);
  if (production) context.config = { ...context.config, environment: 'production', apiBaseUrl: standIn.api };
  const answer = await fetch(auth.authUrl(context), { redirect: 'manual' });
  context.authorizationCode = new URL(answer.headers.get('location')).searchParams.get('code');
  const tokens = await auth.requestAccessToken(context);
  return { accessToken: tokens.accessToken, config: context.config };
}

before(async () => {
  await lib.ready;
  pinterest = await startStandIn();
  account = await signIn(pinterest);
  dir = mkdtempSync(join(tmpdir(), 'appmixer-components-'));
});
after(() => {
  pinterest.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Runs `component` with `input`; its one message, on `out` with only declared fields. */
async function run(component, input, as = account) {
  const sent = await receive(component, input, as);
  assert.equal(sent.length, 1, `${component} sends one message`);
  assert.equal(sent[0].port, 'out');
  const declared = outFields(component);
  for (const key of Object.keys(sent[0].data)) {
    assert.ok(declared.includes(key), `${component} sent ${key}, which its out port does not declare`);
  }
  return sent[0].data;
}

const refused = (pattern) => (error) => error instanceof CancelError && pattern.test(error.message);

test('boards: create, get, update, delete', async () => {
  const board = await run('CreateBoard', { name: 'Appmixer picks', description: 'From a flow', privacy: 'public' });
  assert.match(board.id, /^\d+$/);
  assert.equal(board.name, 'Appmixer picks');
  assert.equal((await run('GetBoard', { boardId: board.id })).description, 'From a flow');
  const changed = await run('UpdateBoard', { boardId: board.id, description: 'Changed', name: '' });
  assert.equal(changed.description, 'Changed');
  assert.equal(changed.name, 'Appmixer picks', 'an empty field leaves it as it is');
  assert.deepEqual(await run('DeleteBoard', { boardId: board.id }), { boardId: board.id });
  await assert.rejects(run('GetBoard', { boardId: board.id }), refused(/not found/i));
});

test('sections: create, rename, list, delete', async () => {
  const section = await run('CreateSection', { boardId: QUIET_BOARD, name: 'Spring' });
  assert.match(section.id, /^\d+$/);
  assert.deepEqual(await run('UpdateSection', { boardId: QUIET_BOARD, sectionId: section.id, name: 'Summer' }), { id: section.id, name: 'Summer' });
  const listed = await run('ListSections', { boardId: QUIET_BOARD });
  assert.deepEqual(listed, { sections: [{ id: section.id, name: 'Summer' }], count: 1 });
  assert.deepEqual(await run('DeleteSection', { boardId: QUIET_BOARD, sectionId: section.id }), { boardId: QUIET_BOARD, sectionId: section.id });
  assert.equal((await run('ListSections', { boardId: QUIET_BOARD })).count, 0);
});

test('pins: create into a section, get, list three ways, update, save, delete', async () => {
  const section = await run('CreateSection', { boardId: QUIET_BOARD, name: 'Tarts' });
  const pin = await run('CreatePin', {
    boardId: QUIET_BOARD,
    boardSectionId: section.id,
    imageUrl: 'https://example.com/lemon-tart.jpg',
    title: 'Lemon tart',
    link: 'https://example.com/recipes/lemon-tart',
  });
  assert.equal(pin.boardSectionId, section.id);
  assert.equal((await run('GetPin', { pinId: pin.id })).title, 'Lemon tart');

  const onBoard = await run('ListPins', { boardId: QUIET_BOARD });
  assert.ok(onBoard.pins.some((p) => p.id === pin.id));
  const inSection = await run('ListPins', { boardId: QUIET_BOARD, sectionId: section.id });
  assert.deepEqual(inSection.pins.map((p) => p.id), [pin.id]);
  // A number from a flow variable arrives as text.
  const account5 = await run('ListPins', { maxItems: '5' });
  assert.equal(account5.count, 5);
  assert.equal(typeof account5.bookmark, 'string', 'the cap stopped it: it says where');
  await assert.rejects(run('ListPins', { sectionId: section.id }), refused(/Section ID needs the Board ID/));

  const updated = await run('UpdatePin', { pinId: pin.id, title: 'Lemon tart, revisited' });
  assert.equal(updated.title, 'Lemon tart, revisited');
  assert.equal(updated.link, 'https://example.com/recipes/lemon-tart', 'fields left empty stay');

  const saved = await run('SavePin', { pinId: '813040700000000001', boardId: QUIET_BOARD, boardSectionId: section.id });
  assert.equal(saved.boardId, QUIET_BOARD);
  assert.notEqual(saved.id, '813040700000000001');

  for (const id of [pin.id, saved.id]) assert.deepEqual(await run('DeletePin', { pinId: id }), { pinId: id });
  await assert.rejects(run('GetPin', { pinId: pin.id }), refused(/not found/i));
  await run('DeleteSection', { boardId: QUIET_BOARD, sectionId: section.id });
});

test('CreatePin says which media fields go together, before any request', async () => {
  const sent = (await settledRequests(pinterest)).length;
  const cases = [
    [{}, /Image URL for an image pin, or Media ID/],
    [{ imageUrl: 'https://example.com/a.jpg', mediaId: '1' }, /not both/],
    [{ mediaId: '1' }, /needs one cover/],
    [{ mediaId: '1', coverImageUrl: 'https://example.com/c.jpg', coverKeyFrameSeconds: 2 }, /needs one cover/],
    [{ imageUrl: 'https://example.com/a.jpg', coverKeyFrameSeconds: 2 }, /A cover is for a video pin/],
    [{ imageUrl: 'https://example.com/a.jpg', boardSectionId: 'spring' }, /board-section-id/],
  ];
  for (const [fields, message] of cases) {
    await assert.rejects(run('CreatePin', { boardId: BOARD, ...fields }), refused(message), JSON.stringify(fields));
  }
  assert.equal((await settledRequests(pinterest)).length, sent, 'no request sent');
});

test('ApiRequest calls any v5 path with the account, and keeps to /v5/', async () => {
  const board = await run('ApiRequest', { method: 'get', path: `/v5/boards/${BOARD}` });
  assert.equal(board.status, 200);
  assert.equal(board.data.id, BOARD);
  assert.ok(board.headers.some((h) => h.name === 'content-type'));
  const page = await run('ApiRequest', { method: 'get', path: `/v5/boards/${BOARD}/sections`, query: 'page_size=2' });
  assert.equal(page.data.items.length, 2);
  assert.equal(typeof page.data.bookmark, 'string');
  const created = await run('ApiRequest', { method: 'post', path: `/v5/boards/${QUIET_BOARD}/sections`, jsonBody: '{"name": "Raw"}' });
  assert.equal(created.status, 201);
  assert.equal(created.data.name, 'Raw');
  await run('DeleteSection', { boardId: QUIET_BOARD, sectionId: created.data.id });
  const sent = (await settledRequests(pinterest)).length;
  for (const path of ['/v5/../oauth/token', '/v5/oauth/token', '//evil.example/v5/boards', 'https://evil.example/v5/boards', '/v5/boards%2F..%2F..']) {
    await assert.rejects(run('ApiRequest', { method: 'get', path }), refused(/path/), path);
  }
  assert.equal((await settledRequests(pinterest)).length, sent, 'no request sent');
});

test('the board dropdown lists every board across pages, up to the cap', async () => {
  const many = await startStandIn();
  try {
    const as = await signIn(many);
    for (let i = 0; i < 200; i++) await lib.call('create-board', { config: lib.config(as), 'access-token': as.accessToken, board: { name: `Board ${i}` } });
    const start = (await settledRequests(many)).length;
    const options = await dropdown('CreatePin', 'boardId', {}, as);
    assert.equal(options.length, 253, 'the 60 seeded but the 7 secret ones, and the 200 created');
    assert.equal(new Set(options.map((o) => o.value)).size, options.length);
    assert.ok(options.every((o) => /^\d+$/.test(o.value) && o.label));
    assert.ok(options.some((o) => o.label === 'Board 199'));
    const pages = (await settledRequests(many)).slice(start).map((r) => r.target);
    assert.equal(pages.length, 2, JSON.stringify(pages));
    assert.match(pages[1], /bookmark=/);
    const capped = await run('ListBoards', { maxBoards: 100 }, as);
    assert.equal(capped.count, 100);
    assert.equal(typeof capped.bookmark, 'string');
  } finally {
    many.stop();
  }
});

test('the section dropdown lists the sections of the chosen board', async () => {
  const sections = await dropdown('CreatePin', 'boardSectionId', { boardId: BOARD }, account);
  assert.equal(sections.length, 60);
  assert.deepEqual(sections[0], { label: 'Salads 1', value: '54975588510001' });
  const mine = await run('CreateSection', { boardId: QUIET_BOARD, name: 'Only here' });
  assert.deepEqual(await dropdown('UpdateSection', 'sectionId', { boardId: QUIET_BOARD }, account), [{ label: 'Only here', value: mine.id }]);
  await run('DeleteSection', { boardId: QUIET_BOARD, sectionId: mine.id });

  // No board chosen yet, or a flow variable in its place: no options, no request.
  const sent = (await settledRequests(pinterest)).length;
  assert.deepEqual(await dropdown('CreatePin', 'boardSectionId', {}, account), []);
  assert.deepEqual(await dropdown('SavePin', 'boardSectionId', { boardId: '{{{$.a1b2.out.[boardId]}}}' }, account), []);
  assert.equal((await settledRequests(pinterest)).length, sent);
});

test('UploadVideo streams an Appmixer file to Pinterest, waits for processing, and CreatePin makes the video pin', async () => {
  // Pinterest makes video pins in production only, for apps with Standard access.
  const standard = await startStandIn(['--standard-access']);
  try {
    await uploadAndPin(standard, await signIn(standard, { production: true }));
  } finally {
    standard.stop();
  }
});

async function uploadAndPin(standIn, as) {
  const path = join(dir, 'clip.mp4');
  const size = 3 * 1024 * 1024 + 17;
  writeFileSync(path, Buffer.alloc(size, 0x2a));
  const leftovers = () => readdirSync(tmpdir()).filter((n) => n.startsWith('pinterest-video-')).length;
  const before = leftovers();
  const store = files({ 'file-7f3a': path });
  const media = await run('UploadVideo', { fileId: 'file-7f3a', maxSeconds: '30' }, { ...as, store });
  assert.equal(store.bytesRead['file-7f3a'], size, 'the file was read from the file store as a stream, once');
  assert.match(media.mediaId, /^\d+$/);
  assert.equal(media.status, 'succeeded');
  assert.equal(leftovers(), before, 'the temporary copy is gone');
  const requests = (await settledRequests(standIn)).map((r) => `${r.method} ${r.target.replace(/\?.*/, '')}`);
  assert.ok(requests.includes('POST /v5/media'));
  assert.ok(requests.filter((r) => r === `GET /v5/media/${media.mediaId}`).length >= 2, 'waited through processing');

  const pin = await run('CreatePin', { boardId: QUIET_BOARD, mediaId: media.mediaId, coverKeyFrameSeconds: 1, title: 'Clip' }, as);
  assert.equal(pin.mediaType, 'video');
  assert.equal(pin.title, 'Clip');
  assert.equal((await run('GetMedia', { mediaId: media.mediaId }, as)).status, 'succeeded');
}

test('UploadVideo stops with the media id when Pinterest cannot process the video', async () => {
  const path = join(dir, 'broken.mp4');
  writeFileSync(path, Buffer.concat([Buffer.from('STANDIN-FAIL'), Buffer.alloc(4096)]));
  await assert.rejects(
    run('UploadVideo', { fileId: 'broken', maxSeconds: 30 }, { ...account, files: { broken: path } }),
    refused(/Media ID: \d+\.$/),
  );
});

// The file store's read stream hands out a new chunk each time, which Node
// frees only when its collector runs: reading a 256 MiB file that way grows
// a process by about 36 MiB whatever is done with the chunks. The host's own
// part, streaming the copy to Pinterest, stays under 10 MiB (bodies.test.js).
test('UploadVideo sends a 256 MiB video without holding it: the process grows by under 64 MiB', async () => {
  const MIB = 1024 * 1024;
  const video = join(dir, 'big.mp4');
  const fd = openSync(video, 'w');
  const block = Buffer.alloc(MIB, 0x5a);
  for (let i = 0; i < 256; i++) writeSync(fd, block);
  closeSync(fd);
  const warmUp = join(dir, 'small.mp4');
  writeFileSync(warmUp, Buffer.alloc(64 * 1024, 0x5a));
  const probe = fileURLToPath(new URL('./support/upload-probe.mjs', import.meta.url));
  const { stdout } = await promisify(execFile)(process.execPath, [probe, JSON.stringify({ account, warmUp, video })], { maxBuffer: 1 << 20 });
  const { media, bytesRead, before: peakBefore, after: peakAfter } = JSON.parse(stdout);
  assert.equal(media.status, 'succeeded');
  assert.equal(bytesRead, 256 * MIB);
  const growth = peakAfter - peakBefore;
  console.log(`UploadVideo: 256 MiB video sent, peak RSS grew ${(growth / MIB).toFixed(1)} MiB`);
  assert.ok(growth < 64 * MIB, `peak RSS grew ${growth} bytes`);
  rmSync(video);
});

test("the service's adAccountId acts for the ad account's owner (Business Access)", async () => {
  const start = (await settledRequests(pinterest)).length;
  await run('GetBoard', { boardId: BOARD }, { ...account, config: { ...account.config, adAccountId: '549755813599' } });
  const [request] = (await settledRequests(pinterest)).slice(start);
  assert.equal(request.target, `/sandbox/v5/boards/${BOARD}?ad_account_id=549755813599`);
});
