// The http import on its own: Node's asynchronous HTTP client behind the
// component's synchronous `send`, against a local server.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { configure, contentLength, holdContent, releaseContent, send } from '../lib/http.js';
import { startMockServer } from './support/mock-server.js';

let server;
before(async () => { server = await startMockServer(); });
after(() => server.stop());

const get = (path, extra = {}) => send({ method: 'get', url: `${server.url}${path}`, headers: [], ...extra });

test('4xx and 5xx come back as responses, body and all', () => {
  for (const status of [400, 401, 404, 429, 500, 503]) {
    const result = get(`/status/${status}`);
    assert.equal(result.tag, 'ok');
    assert.equal(result.val.status, status);
    assert.deepEqual(JSON.parse(Buffer.from(result.val.body).toString()), { code: status, message: `status ${status}` });
  }
});

test('redirects are returned, not followed', () => {
  const result = get('/redirect');
  assert.equal(result.val.status, 302);
  const location = result.val.headers.find((h) => h.name.toLowerCase() === 'location');
  assert.equal(location.value, '/elsewhere');
});

test('a request that outlives its timeout-ms is answered timeout', () => {
  assert.deepEqual(get('/slow', { timeoutMs: 200 }), { tag: 'err', val: { tag: 'timeout' } });
  // The bridge is still usable afterwards, and the late answer is not mistaken for this one.
  assert.equal(get('/status/200').val.status, 200);
});

test('a refused connection is a transport error', () => {
  const result = send({ method: 'get', url: 'http://127.0.0.1:9/', headers: [] });
  assert.equal(result.tag, 'err');
  assert.equal(result.val.tag, 'transport');
  assert.match(result.val.val, /ECONNREFUSED/);
});

test('the method, headers and body go out as given; repeated headers come back', () => {
  const body = new Uint8Array([0, 1, 2, 250, 255]);
  const result = send({
    method: 'post',
    url: `${server.url}/echo`,
    headers: [{ name: 'content-type', value: 'application/octet-stream' }, { name: 'x-trace', value: 'abc' }],
    body: [{ tag: 'bytes', val: body.subarray(0, 2) }, { tag: 'bytes', val: body.subarray(2) }],
    timeoutMs: 5000,
  });
  const echoed = JSON.parse(Buffer.from(result.val.body).toString());
  assert.equal(echoed.method, 'POST');
  assert.equal(echoed.headers['x-trace'], 'abc');
  assert.deepEqual([...Buffer.from(echoed.body, 'base64')], [...body]);
  const repeated = result.val.headers.filter((h) => h.name.toLowerCase() === 'x-repeated').map((h) => h.value);
  assert.deepEqual(repeated, ['one', 'two']);
});

test('requests the host refuses are answered denied', () => {
  assert.equal(send({ method: 'get', url: 'file:///etc/passwd', headers: [] }).val.tag, 'denied');
  configure({ allowedOrigins: ['https://api.pinterest.com'] });
  try {
    const result = get('/status/200');
    assert.deepEqual(result, { tag: 'err', val: { tag: 'denied', val: `egress to ${server.url} is not allowed by the host` } });
  } finally {
    configure({ allowedOrigins: null });
  }
});

test('a body over the host limit is refused as denied', () => {
  configure({ maxResponseBytes: 1024 });
  try {
    const result = get('/big');
    assert.equal(result.val.tag, 'denied');
    assert.match(result.val.val, /1024 bytes/);
  } finally {
    configure({ maxResponseBytes: 8 * 1024 * 1024 });
  }
});

test('held content streams into the body between the bytes the component built', async () => {
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const { join } = await import('node:path');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'node-host-content-'));
  try {
    writeFileSync(join(dir, 'clip.mp4'), 'VIDEO BYTES');
    holdContent('clip.mp4', join(dir, 'clip.mp4'));
    holdContent('cover.jpg', Buffer.from('JPEG'));
    assert.deepEqual(contentLength('clip.mp4'), { tag: 'ok', val: 11n });
    const result = send({
      method: 'post',
      url: `${server.url}/echo`,
      headers: [{ name: 'content-type', value: 'multipart/form-data; boundary=b' }],
      body: [
        { tag: 'bytes', val: Buffer.from('--b\r\n\r\n') },
        { tag: 'host-content', val: 'clip.mp4' },
        { tag: 'bytes', val: Buffer.from('\r\n--b\r\n\r\n') },
        { tag: 'host-content', val: 'cover.jpg' },
        { tag: 'bytes', val: Buffer.from('\r\n--b--\r\n') },
      ],
      timeoutMs: 5000,
    });
    const echoed = JSON.parse(Buffer.from(result.val.body).toString());
    assert.equal(Buffer.from(echoed.body, 'base64').toString(), '--b\r\n\r\nVIDEO BYTES\r\n--b\r\n\r\nJPEG\r\n--b--\r\n');
    assert.equal(echoed.headers['content-length'], '40');

    rmSync(join(dir, 'clip.mp4'));
    assert.deepEqual(contentLength('clip.mp4'), { tag: 'err', val: { tag: 'transport', val: 'host content "clip.mp4" cannot be read: ENOENT' } });
  } finally {
    releaseContent('clip.mp4');
    releaseContent('cover.jpg');
    rmSync(dir, { recursive: true, force: true });
  }
  const unheld = { tag: 'err', val: { tag: 'denied', val: 'this host holds no content named "clip.mp4"' } };
  assert.deepEqual(contentLength('clip.mp4'), unheld);
  assert.deepEqual(send({ method: 'post', url: `${server.url}/echo`, headers: [], body: [{ tag: 'host-content', val: 'clip.mp4' }] }), unheld);
});
