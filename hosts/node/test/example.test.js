// examples/list-boards.js (shown in the README) run as a user would, against
// the stand-in with a token from its OAuth flow.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { after, before, test } from 'node:test';

import { load, authContext } from './support/appmixer.js';
import { startStandIn } from './support/stand-in.js';

const run = promisify(execFile);
const example = fileURLToPath(new URL('../examples/list-boards.js', import.meta.url));

let pinterest;
before(async () => { pinterest = await startStandIn(); });
after(() => pinterest.stop());

async function accessToken() {
  const auth = load('auth.js').definition;
  await load('lib.js').ready;
  const context = authContext(pinterest);
  const redirect = await fetch(auth.authUrl(context), { redirect: 'manual' });
  context.authorizationCode = new URL(redirect.headers.get('location')).searchParams.get('code');
  return (await auth.requestAccessToken(context)).accessToken;
}

const env = (token) => ({
  ...process.env,
  PINTEREST_APP_ID: pinterest.clientId,
  PINTEREST_APP_SECRET: pinterest.clientSecret,
  PINTEREST_API_BASE_URL: pinterest.sandboxApi,
  PINTEREST_ACCESS_TOKEN: token,
});

test('the hosting guide example (docs/hosts.md) lists every board', async () => {
  const { stdout } = await run(process.execPath, [example], { env: env(await accessToken()) });
  const lines = stdout.trim().split('\n');
  assert.ok(lines.length > 25, stdout);
  assert.match(lines[0], /^549755885100 {2}\S/);
});

test('the hosting guide example (docs/hosts.md) prints the remedy when the token is refused', async () => {
  await assert.rejects(run(process.execPath, [example], { env: env('pina_revoked') }), (error) => {
    assert.equal(error.code, 1);
    assert.match(error.stderr, /refresh/i);
    return true;
  });
});
