// Bodies far bigger than the connector should ever hold, in a child process
// whose peak memory is measured, through the Node host's http import and
// through the wasi:http adapter on jco's preview2-shim: a 200 MB response is
// refused at the 8 MiB cap before it reaches the component (at once when its
// length is announced), and a 256 MiB file streams into a multipart upload
// that the server checks byte for byte, the process growing by far less
// than the file.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';

import { BOUNDARY, HEAD, MIB, TAIL, startBodyServer, uploadAsSent, writeUpload } from './support/bodies.js';

const run = promisify(execFile);
const probe = fileURLToPath(new URL('./support/rss-probe.mjs', import.meta.url));

let server;
let dir;
before(async () => {
  server = await startBodyServer();
  dir = mkdtempSync(join(tmpdir(), 'node-host-bodies-'));
});
after(() => {
  server.stop();
  rmSync(dir, { recursive: true, force: true });
});

const get = (path) => ({ method: 'get', url: `${server.url}${path}`, headers: [], body: [], timeoutMs: 30000 });
const cap = { tag: 'err', val: { tag: 'denied', val: "response body exceeds the host's limit of 8388608 bytes" } };
const upload = (name) => ({
  method: 'post',
  url: `${server.url}/upload`,
  headers: [{ name: 'content-type', value: `multipart/form-data; boundary=${BOUNDARY}` }],
  body: [{ tag: 'bytes', val: HEAD }, { tag: 'host-content', val: name }, { tag: 'bytes', val: TAIL }],
  timeoutMs: 60000,
});

async function measure(job) {
  const { stdout } = await run(process.execPath, [probe, JSON.stringify({ warmUp: `${server.url}/small`, ...job })], { maxBuffer: 1 << 20 });
  const { results, before: peakBefore, after: peakAfter } = JSON.parse(stdout);
  return { results, growth: peakAfter - peakBefore };
}

test('the node host refuses a 200 MB response at the cap and never holds it', async () => {
  const { results, growth } = await measure({ via: 'host', requests: [get('/big'), get('/big-chunked')] });
  assert.deepEqual(results, [cap, cap]);
  console.log(`node host: 200 MB responses refused, peak RSS grew ${Math.round(growth / MIB)} MiB`);
  assert.ok(growth < 64 * MIB, `peak RSS grew ${growth} bytes`);
});

test('the node host streams a 256 MiB file it holds into the request body', async () => {
  const path = join(dir, 'clip.mp4');
  writeUpload(path);
  const { results, growth } = await measure({ via: 'host', hold: { 'clip.mp4': path }, requests: [upload('clip.mp4')] });
  assert.equal(results[0].tag, 'ok', JSON.stringify(results[0]));
  assert.deepEqual(JSON.parse(results[0].val.body), uploadAsSent());
  console.log(`node host: 256 MiB upload streamed, peak RSS grew ${Math.round(growth / MIB)} MiB`);
  assert.ok(growth < 32 * MIB, `peak RSS grew ${growth} bytes`);
});

test('the adapter on jco refuses a 200 MB response at the cap', async () => {
  const { results, growth } = await measure({ via: 'adapter', requests: [get('/big'), get('/big-chunked')] });
  assert.deepEqual(results, [cap, cap]);
  console.log(`adapter on jco: 200 MB responses refused, peak RSS grew ${Math.round(growth / MIB)} MiB`);
  assert.ok(growth < 96 * MIB, `peak RSS grew ${growth} bytes`);
});

test('the adapter on jco streams a 256 MiB file from a preopened directory', async () => {
  const path = join(dir, 'clip.mp4');
  writeUpload(path);
  const { results, growth } = await measure({ via: 'adapter', preopens: { media: dir }, requests: [upload('media/clip.mp4')] });
  assert.equal(results[0].tag, 'ok', JSON.stringify(results[0]));
  assert.deepEqual(JSON.parse(results[0].val.body), uploadAsSent());
  console.log(`adapter on jco: 256 MiB upload streamed, peak RSS grew ${Math.round(growth / MIB)} MiB`);
  assert.ok(growth < 96 * MIB, `peak RSS grew ${growth} bytes`);
});
