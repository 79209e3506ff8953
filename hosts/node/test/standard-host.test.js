// The standard-WASI artifact (pinterest_connector_wasi.wasm) in Node: jco
// transpiles it with @bytecodealliance/preview2-shim's own WASI and
// wasi:http, no import of ours, and every operation runs against the
// stand-in from the shared table (wasi/tests/operations.json).

import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { ConnectorError, call, manifest, preopen } from '../lib/standard.js';
import { run, TABLE, writeContent } from './support/operations.js';
import { startStandIn } from './support/stand-in.js';

let pinterest;
let directory;
let video;
before(async () => {
  pinterest = await startStandIn();
  directory = mkdtempSync(join(tmpdir(), 'standard-host-content-'));
  video = writeContent(directory);
  preopen({ [video.guest]: directory });
});
after(() => {
  pinterest.stop();
  rmSync(directory, { recursive: true, force: true });
});

const config = () => ({
  'client-id': pinterest.clientId,
  'client-secret': pinterest.clientSecret,
  environment: 'sandbox',
  'api-base-url': pinterest.sandboxApi,
  'authorize-url': pinterest.consentPage,
});

test('the transpiled artifact imports nothing but the WASI shim', () => {
  const source = readFileSync(new URL('../gen-wasi/pinterest_connector_wasi.js', import.meta.url), 'utf8');
  const modules = new Set([...source.matchAll(/from '([^']+)'/g)].map((m) => m[1]));
  assert.ok(modules.has('@bytecodealliance/preview2-shim/http'));
  for (const module of modules) assert.match(module, /^@bytecodealliance\/preview2-shim\//);
});

test('every operation runs against the stand-in on the shim\'s wasi:http', async () => {
  const known = { config: config(), 'redirect-uri': 'http://localhost:8085/', content: video.name };
  const ran = await run(call, ConnectorError, known);
  const missing = [...manifest.operations.map((op) => op.name), 'describe'].filter((name) => !ran.includes(name));
  assert.deepEqual(missing, [], `operations with no step in ${TABLE.pathname}`);
});
