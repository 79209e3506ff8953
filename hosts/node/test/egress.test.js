// The egress rules of lib/egress.js on their own, as the Rust host's
// (hosts/rust/src/upload_grant.rs) pin them down: which origins a policy
// allows, which answer grants an upload URL, and what claims it.

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { MAX_REGISTER_ANSWER_BYTES, MAX_UPLOAD_GRANTS, UploadGrants, check, originOf, registers } from '../lib/egress.js';

const UPLOAD = 'https://pinterest-media-upload.s3-accelerate.amazonaws.com/';
const API = 'https://api.pinterest.com';

const answer = (status, body) => ({ status, headers: [], body: Buffer.from(JSON.stringify(body)) });
const registered = (url) => answer(201, {
  media_id: '12345', media_type: 'video', upload_url: url, upload_parameters: { key: 'uploads/1' },
});
const upload = (method, url, withContent = true) => ({
  method,
  url,
  headers: [],
  body: withContent ? [{ tag: 'bytes', val: Buffer.from('--b\r\n') }, { tag: 'host-content', val: 'video' }] : [],
});
const claim = (grants, request) => {
  const { url, refusal } = grants.claim(request, 'refused');
  return url ? url.href : { refusal };
};

test('a policy allows its origins, compared after normalisation, and names the rule otherwise', () => {
  const allowed = [originOf(API), originOf('http://127.0.0.1:8080/sandbox')];
  assert.deepEqual(allowed, [API, 'http://127.0.0.1:8080']);
  for (const url of ['https://API.Pinterest.com:443/v5/boards', 'http://127.0.0.1:8080/sandbox/v5/pins']) {
    assert.ok(check(allowed, url).url, url);
  }
  assert.equal(check(allowed, 'https://API.Pinterest.com:443/v5/boards').url.href, 'https://api.pinterest.com/v5/boards');
  const refusals = {
    'https://api.pinterest.com.evil.example/v5': 'egress policy: https://api.pinterest.com.evil.example is not an allowed origin (allowed: https://api.pinterest.com, http://127.0.0.1:8080)',
    'https://api.pinterest.com:8443/v5': 'egress policy: https://api.pinterest.com:8443 is not an allowed origin (allowed: https://api.pinterest.com, http://127.0.0.1:8080)',
    'http://api.pinterest.com/v5': 'egress policy: http://api.pinterest.com is not an allowed origin (allowed: https://api.pinterest.com, http://127.0.0.1:8080)',
    'https://api.pinterest.com@evil.example/v5': 'egress policy: URLs with credentials (userinfo before the host) are never sent',
    'https://user:s3cret@api.pinterest.com/v5': 'egress policy: URLs with credentials (userinfo before the host) are never sent',
    'file:///etc/passwd': 'egress policy: only http and https requests are sent, not file:',
    '/v5/boards': 'egress policy: the request URL does not parse',
  };
  for (const [url, refusal] of Object.entries(refusals)) assert.equal(check(allowed, url).refusal, refusal, url);
  assert.match(check([], API).refusal, /\(allowed: none\)$/);
  assert.ok(check(null, 'http://10.0.0.1/').url, 'no policy: any http(s) URL');
  assert.throws(() => originOf('https://u:p@proxy.example'), /may not carry credentials/);
  assert.throws(() => originOf('ftp://proxy.example'), /not an http or https URL/);
});

test('registering is a POST to a path ending in /v5/media', () => {
  const url = (u) => new URL(u);
  assert.ok(registers('post', url('https://api.pinterest.com/v5/media')));
  assert.ok(registers('post', url('http://127.0.0.1:8080/proxy/v5/media')));
  assert.ok(!registers('get', url('https://api.pinterest.com/v5/media')));
  assert.ok(!registers('post', url('https://api.pinterest.com/v5/media/123')));
  assert.ok(!registers('post', url('https://api.pinterest.com/v5/pins')));
});

test('a register answer grants one upload to its URL', () => {
  const grants = new UploadGrants();
  grants.grantFrom(registered(UPLOAD));
  assert.equal(claim(grants, upload('post', UPLOAD)), UPLOAD);
  assert.deepEqual(claim(grants, upload('post', UPLOAD)), { refusal: 'refused' }, 'spent');
});

test('only the exact URL is granted, and a miss on its origin says so', () => {
  const grants = new UploadGrants();
  grants.grantFrom(registered('https://upload.example/bucket?x=1'));
  for (const other of [
    'https://upload.example/bucket',
    'https://upload.example/bucket?x=2',
    'https://upload.example/other?x=1',
    'https://upload.example:8443/bucket?x=1',
    'http://upload.example/bucket?x=1',
    'https://uploads.example/bucket?x=1',
    'https://u:p@upload.example/bucket?x=1',
  ]) {
    assert.equal(typeof claim(grants, upload('post', other)), 'object', other);
  }
  assert.deepEqual(claim(grants, upload('post', 'https://upload.example/other')), {
    refusal: 'refused; of that origin, only the upload URL Pinterest returned is allowed, exactly as returned, once',
  });
  // Spelled differently, read the same: the same URL.
  assert.equal(claim(grants, upload('post', 'HTTPS://Upload.Example:443/bucket?x=1#f')), 'https://upload.example/bucket?x=1');
});

test('the grant is for a POST carrying host content; others spend nothing', () => {
  const grants = new UploadGrants();
  grants.grantFrom(registered(UPLOAD));
  assert.deepEqual(claim(grants, upload('post', UPLOAD, false)), {
    refusal: 'egress policy: the upload URL Pinterest returned for media "12345" takes one POST whose body carries host content, not a POST without host content',
  });
  assert.match(claim(grants, upload('put', UPLOAD)).refusal, /not a PUT with host content$/);
  assert.match(claim(grants, upload('get', UPLOAD, false)).refusal, /not a GET without host content$/);
  assert.equal(claim(grants, upload('post', UPLOAD)), UPLOAD);
});

test('a grant expires after its window', () => {
  const grants = new UploadGrants(0);
  grants.grantFrom(registered(UPLOAD));
  assert.deepEqual(claim(grants, upload('post', UPLOAD)), { refusal: 'refused' });
});

test('answers that are not a registration grant nothing', () => {
  const grants = new UploadGrants();
  for (const bad of [
    answer(400, { media_id: '1', upload_url: UPLOAD }),
    answer(200, { upload_url: UPLOAD }),
    answer(200, { media_id: '', upload_url: UPLOAD }),
    answer(200, { media_id: 1, upload_url: UPLOAD }),
    answer(200, { media_id: '1', upload_url: 'ftp://upload.example/' }),
    answer(200, { media_id: '1', upload_url: 'https://u:p@upload.example/' }),
    answer(200, { media_id: '1', upload_url: '/relative' }),
    answer(200, [{ media_id: '1', upload_url: UPLOAD }]),
    answer(200, { media_id: '1', upload_url: UPLOAD, pad: 'x'.repeat(MAX_REGISTER_ANSWER_BYTES) }),
    { status: 201, headers: [], body: Buffer.from('not json') },
  ]) {
    grants.grantFrom(bad);
  }
  assert.deepEqual(claim(grants, upload('post', UPLOAD)), { refusal: 'refused' });
});

test('outstanding grants are capped, the oldest going first', () => {
  const grants = new UploadGrants();
  for (let i = 0; i <= MAX_UPLOAD_GRANTS; i++) grants.grantFrom(registered(`https://upload.example/${i}`));
  assert.equal(typeof claim(grants, upload('post', 'https://upload.example/0')), 'object');
  assert.equal(claim(grants, upload('post', `https://upload.example/${MAX_UPLOAD_GRANTS}`)), `https://upload.example/${MAX_UPLOAD_GRANTS}`);
});

test('a long media id is cut in the refusal', () => {
  const grants = new UploadGrants();
  grants.grantFrom(answer(201, { media_id: 'n'.repeat(150), upload_url: UPLOAD }));
  assert.match(claim(grants, upload('get', UPLOAD, false)).refusal, new RegExp(`media "${'n'.repeat(100)}"… takes`));
});
