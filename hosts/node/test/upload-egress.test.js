// The Node host's egress policy with the real component against the
// Pinterest stand-in, whose upload listener is another origin (a second
// port), as Pinterest's upload host is: the upload URL a register answer
// returns passes once; any other URL of that origin, that origin before a
// register, and any other origin are denied before a connection is made,
// naming the origin and no secret. And the Appmixer connector runs every
// operation under the policy of its service configuration.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { apiOrigins, call, configure, holdContent, releaseContent, withEgress } from '../lib/connector.js';
import { send } from '../lib/http.js';
import { CancelError, load, receive } from './support/appmixer.js';
import { startMockServer } from './support/mock-server.js';
import { settledRequests, startStandIn } from './support/stand-in.js';

const SCOPES = ['boards:read', 'boards:write', 'pins:read', 'pins:write', 'user_accounts:read'];

let pinterest;
let config;
let token;
let dir;
/** A listener on another port that only counts the connections made to it. */
let elsewhere;

before(async () => {
  pinterest = await startStandIn(['--standard-access']);
  config = {
    'client-id': pinterest.clientId,
    'client-secret': pinterest.clientSecret,
    environment: 'production',
    'api-base-url': pinterest.api,
    'authorize-url': pinterest.consentPage,
  };
  const guarded = (name, input) => withEgress(apiOrigins(config), () => call(name, input));
  const { url } = guarded('authorize', { config, 'redirect-uri': 'http://localhost:8085/', scopes: SCOPES, state: 'state-5f2a9c1e7b3d' });
  const consent = await fetch(url, { redirect: 'manual' });
  const code = new URL(consent.headers.get('location')).searchParams.get('code');
  token = guarded('exchange', { config, code, 'redirect-uri': 'http://localhost:8085/' })['access-token'];
  dir = mkdtempSync(join(tmpdir(), 'node-upload-egress-'));
  writeFileSync(join(dir, 'clip.mp4'), Buffer.alloc(64 * 1024, 0x2a));
  holdContent('clip.mp4', join(dir, 'clip.mp4'));
  elsewhere = net.createServer((socket) => { elsewhere.connections += 1; socket.destroy(); });
  elsewhere.connections = 0;
  await new Promise((resolve) => elsewhere.listen(0, '127.0.0.1', resolve));
});
after(() => {
  releaseContent('clip.mp4');
  pinterest.stop();
  elsewhere.close();
  rmSync(dir, { recursive: true, force: true });
});

const bearer = () => ({ name: 'authorization', value: `Bearer ${token}` });

/** Registers a video with the stand-in through the host's `send`; the answer's body. */
function register() {
  const answer = send({
    method: 'post',
    url: `${pinterest.api}/v5/media`,
    headers: [bearer(), { name: 'content-type', value: 'application/json' }],
    body: [{ tag: 'bytes', val: Buffer.from('{"media_type": "video"}') }],
    timeoutMs: 5000,
  });
  assert.equal(answer.val.status, 201, JSON.stringify(answer));
  return JSON.parse(Buffer.from(answer.val.body).toString());
}

/** A POST of held content to `url`, as an upload is. */
const uploadTo = (url, method = 'post', body = [{ tag: 'host-content', val: 'clip.mp4' }]) => send({
  method,
  url,
  headers: [{ name: 'content-type', value: 'multipart/form-data; boundary=b' }],
  body,
  timeoutMs: 5000,
});

/** Asserts `result` is `denied` with text matching `pattern` and no secret. */
function assertDenied(result, pattern) {
  assert.equal(result.tag, 'err', JSON.stringify(result));
  assert.equal(result.val.tag, 'denied');
  assert.match(result.val.val, pattern);
  for (const secret of [token, pinterest.clientSecret, 'X-Amz-Signature', 'sig-9f8e7d']) {
    assert.ok(!result.val.val.includes(secret), `${result.val.val} holds a secret`);
  }
}

/** Runs `fn` and asserts that neither the stand-in (API and upload host) nor `elsewhere` saw a request. */
async function noConnection(fn) {
  const seen = (await settledRequests(pinterest)).length;
  const connections = elsewhere.connections;
  fn();
  assert.equal((await settledRequests(pinterest)).length, seen, 'the stand-in saw no request');
  assert.equal(elsewhere.connections, connections, 'no connection elsewhere');
}

test('the upload origin is denied before any register answer was read under the policy', async () => {
  // Learnt without a policy: that register grants nothing.
  const { upload_url: uploadUrl } = register();
  assert.notEqual(new URL(uploadUrl).origin, new URL(pinterest.api).origin, 'the upload host is another origin');
  configure({ allowedOrigins: apiOrigins(config) });
  try {
    await noConnection(() => assertDenied(
      uploadTo(uploadUrl),
      new RegExp(`^egress policy: ${new URL(uploadUrl).origin} is not an allowed origin \\(allowed: ${pinterest.api}\\)$`),
    ));
  } finally {
    configure({ allowedOrigins: null });
  }
});

test('upload-video through the policy: the returned URL passes, and the video is processed', async () => {
  const media = withEgress(apiOrigins(config), () => call('upload-video', {
    config, 'access-token': token, video: { content: 'clip.mp4', 'file-name': 'clip.mp4' },
  }));
  const requests = await settledRequests(pinterest);
  assert.ok(requests.some((r) => r.method === 'POST' && r.target === '/' && r.status === 204), 'the upload host took the file');
  const done = withEgress(apiOrigins(config), () => call('wait-for-media', {
    config, 'access-token': token, 'media-id': media['media-id'], 'max-seconds': 30,
  }));
  assert.equal(done.status, 'succeeded');
});

test('of the upload origin only the returned URL passes, once; other origins never', async () => {
  configure({ allowedOrigins: apiOrigins(config) });
  try {
    const registered = register();
    const uploadUrl = new URL(registered.upload_url);
    const onlyThat = /; of that origin, only the upload URL Pinterest returned is allowed, exactly as returned, once$/;
    const otherPath = new URL('other', uploadUrl).href;
    const otherQuery = `${uploadUrl.href}?X-Amz-Signature=sig-9f8e7d`;
    const otherPort = `http://127.0.0.1:${elsewhere.address().port}${uploadUrl.pathname}`;
    await noConnection(() => {
      assertDenied(uploadTo(otherPath), onlyThat);
      assertDenied(uploadTo(otherQuery), onlyThat);
      assertDenied(uploadTo(uploadUrl.href, 'get', []), /returned for media "\d+" takes one POST whose body carries host content, not a GET without host content$/);
      assertDenied(uploadTo(uploadUrl.href, 'post', [{ tag: 'bytes', val: Buffer.from('form') }]), /not a POST without host content$/);
      assertDenied(uploadTo(uploadUrl.href, 'put'), /not a PUT with host content$/);
      assertDenied(uploadTo(otherPort), new RegExp(`^egress policy: http://127.0.0.1:${elsewhere.address().port} is not an allowed origin`));
      assertDenied(uploadTo('https://pinterest-media-upload.s3-accelerate.amazonaws.com/'), /amazonaws.com is not an allowed origin/);
      assertDenied(uploadTo(`http://user:${token}@${uploadUrl.host}/`), /^egress policy: URLs with credentials/);
    });

    // The returned URL reaches the upload host (which refuses this body:
    // not the form it issued); that spent the grant.
    const seen = (await settledRequests(pinterest)).length;
    const first = uploadTo(uploadUrl.href);
    assert.equal(first.tag, 'ok', JSON.stringify(first));
    assert.equal(first.val.status, 400);
    assert.equal((await settledRequests(pinterest)).length, seen + 1);
    await noConnection(() => assertDenied(uploadTo(uploadUrl.href), /is not an allowed origin/));
  } finally {
    configure({ allowedOrigins: null });
  }
});

test('an upload URL is usable only within the window after its register answer', async () => {
  configure({ allowedOrigins: apiOrigins(config), uploadWindowMs: 0 });
  try {
    const { upload_url: uploadUrl } = register();
    await noConnection(() => assertDenied(uploadTo(uploadUrl), /is not an allowed origin/));
  } finally {
    configure({ allowedOrigins: null, uploadWindowMs: 15 * 60 * 1000 });
  }
});

test('apiOrigins: the api-base-url origin, else the environment\'s API', () => {
  assert.deepEqual(apiOrigins({ environment: 'production' }), ['https://api.pinterest.com']);
  assert.deepEqual(apiOrigins({ environment: 'sandbox' }), ['https://api-sandbox.pinterest.com']);
  assert.deepEqual(apiOrigins({ environment: 'sandbox', 'api-base-url': 'http://127.0.0.1:8080/sandbox/v5' }), ['http://127.0.0.1:8080']);
  assert.deepEqual(apiOrigins({ environment: 'production', 'api-base-url': 'https://u:p@proxy.example' }), []);
});

test('Appmixer runs under its service\'s policy: an upload URL no readable register answer granted is denied', async () => {
  const lib = load('lib.js');
  await lib.ready;
  const upload = `http://127.0.0.1:${elsewhere.address().port}/bucket`;
  const api = await startMockServer({ uploadUrl: upload });
  const path = join(dir, 'appmixer.mp4');
  writeFileSync(path, Buffer.alloc(4096, 0x2a));
  try {
    const as = (base) => ({ accessToken: token, config: { environment: 'production', apiBaseUrl: base }, files: { video: path } });
    const connections = elsewhere.connections;
    // An answer over 64 KiB is not read: it grants nothing.
    await assert.rejects(
      receive('UploadVideo', { fileId: 'video', maxSeconds: 5 }, as(`${api.url}/padded`)),
      (error) => error instanceof CancelError
        && error.message.includes(`egress policy: http://127.0.0.1:${elsewhere.address().port} is not an allowed origin (allowed: ${api.url})`)
        && !error.message.includes(token),
    );
    assert.equal(elsewhere.connections, connections, 'no connection to the upload host');
    // A readable one grants exactly its URL: the upload reaches that host.
    await assert.rejects(receive('UploadVideo', { fileId: 'video', maxSeconds: 5 }, as(api.url)));
    assert.equal(elsewhere.connections, connections + 1, 'the upload went to the returned URL');
  } finally {
    api.stop();
  }
});
