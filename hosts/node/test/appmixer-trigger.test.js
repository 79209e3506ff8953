// The NewPin polling trigger and FindDuplicatePins against the Pinterest
// stand-in, through the real component: ticks as Appmixer runs them, the
// cursor kept in the trigger's state between them; each pin created between
// or during ticks emitted once, oldest first; duplicates found by link and
// by title, and the scan's cap said.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';

import { CancelError, authContext, dropdown, load, outFields, receive, tick } from './support/appmixer.js';
import { settledRequests, startStandIn } from './support/stand-in.js';

const auth = load('auth.js').definition;
const lib = load('lib.js');

const BOARD = '549755885100';

let pinterest;
let account;

before(async () => {
  await lib.ready;
  pinterest = await startStandIn();
  const context = authContext(pinterest);
  const answer = await fetch(auth.authUrl(context), { redirect: 'manual' });
  context.authorizationCode = new URL(answer.headers.get('location')).searchParams.get('code');
  account = { accessToken: (await auth.requestAccessToken(context)).accessToken, config: context.config };
});
after(() => pinterest.stop());

async function run(component, input) {
  const [message] = await receive(component, input, account);
  return message.data;
}

async function freshBoard(name) {
  return (await run('CreateBoard', { name })).id;
}

async function createPin(boardId, title) {
  return (await run('CreatePin', { boardId, title, imageUrl: `https://example.com/${encodeURIComponent(title)}.jpg` })).id;
}

/** Ticks NewPin with `properties` from `state`; the pins it sent (checked against its out port) and the new state. */
async function poll(properties, state) {
  const { sent, state: saved } = await tick('NewPin', properties, { ...account, state });
  const declared = outFields('NewPin');
  for (const message of sent) {
    assert.equal(message.port, 'out');
    for (const key of Object.keys(message.data)) assert.ok(declared.includes(key), key);
  }
  return { pins: sent.map((m) => m.data), state: saved };
}

test('NewPin: the first tick only marks the start; later ticks send each new pin once, oldest first', async () => {
  const boardId = await freshBoard('Trigger board');
  await createPin(boardId, 'Before the flow');
  let { pins, state } = await poll({ boardId }, {});
  assert.deepEqual(pins, []);
  assert.equal(typeof state.cursor, 'string');

  const created = [];
  for (const title of ['First', 'Second', 'Third']) created.push(await createPin(boardId, title));
  ({ pins, state } = await poll({ boardId }, state));
  assert.deepEqual(pins.map((p) => p.id), created);
  assert.deepEqual(pins.map((p) => p.title), ['First', 'Second', 'Third']);
  assert.ok(pins.every((p) => p.boardId === boardId && /Z$/.test(p.createdAt)));

  ({ pins, state } = await poll({ boardId }, state));
  assert.deepEqual(pins, [], 'nothing twice');

  // Another board: its first tick starts afresh.
  const other = await poll({ boardId: BOARD }, state);
  assert.deepEqual(other.pins, []);
  assert.notEqual(other.state.cursor, state.cursor);
});

test('NewPin misses and repeats nothing while pins are created during the ticks', async () => {
  const boardId = await freshBoard('Busy board');
  let { state } = await poll({ boardId }, {});
  const writer = fileURLToPath(new URL('./support/pin-writer.mjs', import.meta.url));
  const writing = promisify(execFile)(process.execPath, [writer, JSON.stringify({
    api: pinterest.sandboxApi, token: account.accessToken, boardId, count: 40, pauseMs: 15,
  })]);
  let done = false;
  writing.then(() => { done = true; }, () => { done = true; });
  const emitted = [];
  let ticks = 0;
  let busy = 0;
  while (!done && ticks < 500) {
    const polled = await poll({ boardId }, state);
    emitted.push(...polled.pins.map((p) => p.id));
    if (polled.pins.length > 0) busy += 1;
    state = polled.state;
    ticks += 1;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const created = JSON.parse((await writing).stdout);
  const last = await poll({ boardId }, state);
  emitted.push(...last.pins.map((p) => p.id));
  console.log(`NewPin: ${created.length} pins written during ${ticks} ticks, ${busy} of which found new ones`);
  assert.ok(busy > 1, `${busy} of ${ticks} ticks found pins while they were written`);
  assert.equal(new Set(emitted).size, emitted.length, 'no pin twice');
  assert.deepEqual(emitted, created, 'every pin, in the order they were made');
});

test('NewPin on a section, and on the whole account', async () => {
  const boardId = await freshBoard('Sectioned board');
  const section = await run('CreateSection', { boardId, name: 'New in' });
  let { state } = await poll({ boardId, sectionId: section.id }, {});
  const inSection = (await run('CreatePin', { boardId, boardSectionId: section.id, imageUrl: 'https://example.com/s.jpg' })).id;
  await createPin(boardId, 'Not in the section');
  const polled = await poll({ boardId, sectionId: section.id }, state);
  assert.deepEqual(polled.pins.map((p) => p.id), [inSection]);

  ({ state } = await poll({}, {}));
  const anywhere = await createPin(boardId, 'Anywhere');
  assert.deepEqual((await poll({}, state)).pins.map((p) => p.id), [anywhere]);

  await assert.rejects(poll({ sectionId: section.id }, {}), (e) => e instanceof CancelError && /needs the Board ID/.test(e.message));
});

test("NewPin's dropdowns: the boards, and the sections of the board in its properties", async () => {
  const boards = await dropdown('NewPin', 'boardId', {}, account);
  assert.ok(boards.some((o) => o.value === BOARD));
  const sections = await dropdown('NewPin', 'sectionId', { boardId: BOARD }, account);
  assert.equal(sections.length, 60);
  assert.deepEqual(await dropdown('NewPin', 'sectionId', {}, account), []);
});

test('FindDuplicatePins finds pins by link and by title, and says when its cap stopped it', async () => {
  const byLink = await run('FindDuplicatePins', { boardId: BOARD, link: 'https://shop.standin.example/item/1' });
  assert.equal(byLink.duplicates.length, 2);
  assert.ok(byLink.duplicates.every((d) => d.pin.link === 'https://shop.standin.example/item/1' && d.matched.includes('link')));
  assert.equal(byLink.complete, true);
  assert.equal(byLink.scanned, 60);

  const byTitle = await run('FindDuplicatePins', { boardId: BOARD, title: 'IDEA 7' });
  assert.deepEqual(byTitle.duplicates.map((d) => [d.pin.title, d.matched]), [['Idea 7', ['title']]]);

  const capped = await run('FindDuplicatePins', { boardId: BOARD, title: 'Idea 1', maxScanned: '10' });
  assert.equal(capped.complete, false);
  assert.equal(capped.scanned, 10);
  assert.equal(typeof capped.bookmark, 'string');

  const sent = (await settledRequests(pinterest)).length;
  await assert.rejects(run('FindDuplicatePins', { boardId: BOARD }), (e) => e instanceof CancelError && /candidate/.test(e.message));
  assert.equal((await settledRequests(pinterest)).length, sent, 'refused before any request');
});
