// The HTTP service (pinterest_connector_service.wasm) under `jco serve`
// (preview2-shim's own wasi:http, each request in a fresh worker), answering
// real HTTP requests: every operation from the shared table against the
// stand-in, typed errors with their statuses.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

import { ConnectorError } from '../lib/bind.js';
import { run, steps, writeContent } from './support/operations.js';
import { startStandIn } from './support/stand-in.js';

const jco = fileURLToPath(new URL('../node_modules/@bytecodealliance/jco/dist/jco.js', import.meta.url));
const service = fileURLToPath(new URL('../../../target/wasm32-wasip2/release/pinterest_connector_service.wasm', import.meta.url));
const preopens = fileURLToPath(new URL('./support/serve-preopens.mjs', import.meta.url));

/** A port free a moment ago (jco serve does not report the port it got). */
function freePort() {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

let pinterest;
let served;
let url;
let directory;
let video;
before(async () => {
  pinterest = await startStandIn();
  directory = mkdtempSync(join(tmpdir(), 'service-content-'));
  video = writeContent(directory);
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  // The table's video directory reaches every request worker through
  // support/serve-preopens.mjs.
  const env = { ...process.env, PINTEREST_SERVICE_PREOPENS: JSON.stringify({ [video.guest]: directory }) };
  served = spawn(process.execPath, [jco, 'serve', service, '--port', String(port), '--host', '127.0.0.1',
    '--isolate-requests', 'worker', '--isolate-worker-pool-size', '2', '--jco-import', preopens],
  { stdio: ['ignore', 'pipe', 'pipe'], detached: true, env });
  await new Promise((resolve, reject) => {
    served.on('exit', (code) => reject(new Error(`jco serve exited with ${code}`)));
    // It says so on stderr; neither stream is read after that.
    served.stderr.on('data', (chunk) => { if (String(chunk).includes('Server listening')) resolve(); });
    served.stdout.resume();
  });
});
after(() => {
  // jco serve runs the server in a process of its own: stop the group.
  if (served) process.kill(-served.pid);
  pinterest?.stop();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

async function post(operation, input) {
  const answer = await fetch(`${url}/operations/${operation}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
    signal: AbortSignal.timeout(30_000),
  });
  assert.equal(answer.headers.get('cache-control'), 'no-store');
  return { status: answer.status, body: await answer.json() };
}

test('every operation is served from the shared table', async () => {
  const statuses = [];
  const call = async (name, input) => {
    const { status, body } = await post(name, input);
    statuses.push([name, status]);
    if (status !== 200) throw new ConnectorError(body);
    return body;
  };
  const config = {
    'client-id': pinterest.clientId,
    'client-secret': pinterest.clientSecret,
    environment: 'sandbox',
    'api-base-url': pinterest.sandboxApi,
    'authorize-url': pinterest.consentPage,
  };
  await run(call, ConnectorError, { config, 'redirect-uri': 'http://localhost:8085/', content: video.name });
  // The failing steps answer with their error's status.
  const statusOf = { 'not-found': 404, 'invalid-input': 400 };
  const expected = steps().filter((step) => step.fails).map((step) => [step.operation, statusOf[step.fails]]);
  assert.deepEqual(statuses.filter(([, status]) => status !== 200), expected);
  const describe = await fetch(`${url}/describe`);
  assert.equal((await describe.json()).contract, 'pinterest:connector@0.3.0');
});

test('a dead token is 401 and is not echoed', async () => {
  const token = 'pina_JCO_SERVE_DEAD_TOKEN_77a';
  const config = { 'client-id': '1', 'client-secret': 's', environment: 'sandbox', 'api-base-url': pinterest.sandboxApi };
  const { status, body } = await post('get-user-account', { config, 'access-token': token });
  assert.equal(status, 401);
  assert.equal(body.tag, 'unauthorized');
  assert.ok(!JSON.stringify(body).includes(token));
});
