// Transpiles the connector for Node with jco:
//
// - gen/: the custom-import component, its `http` import mapped to
//   lib/http.js ($PINTEREST_CONNECTOR_WASM, or the workspace's release build);
// - gen-wasi/: the standard-WASI artifact, every import (wasi:* only) left to
//   @bytecodealliance/preview2-shim ($PINTEREST_CONNECTOR_WASI_WASM, or the
//   workspace's pinterest_connector_wasi.wasm);
// - gen-adapter/: the wasi:http adapter alone, for the tests that send
//   through it directly (pinterest_connector_adapter.wasm).
//
// Both are made by ./build.sh. Each output is skipped while it is newer than
// its component.

import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const release = join(root, '../../target/wasm32-wasip2/release');
const jco = join(root, 'node_modules/@bytecodealliance/jco/dist/jco.js');

const builds = [
  {
    wasm: process.env.PINTEREST_CONNECTOR_WASM ?? join(release, 'pinterest_connector.wasm'),
    out: 'gen',
    name: 'pinterest_connector',
    args: ['--map', 'pinterest:connector/http@0.3.0=../lib/http.js'],
  },
  {
    wasm: process.env.PINTEREST_CONNECTOR_WASI_WASM ?? join(release, 'pinterest_connector_wasi.wasm'),
    out: 'gen-wasi',
    name: 'pinterest_connector_wasi',
    args: [],
  },
  {
    wasm: join(release, 'pinterest_connector_adapter.wasm'),
    out: 'gen-adapter',
    name: 'pinterest_connector_adapter',
    args: [],
  },
];

for (const { wasm, out, name, args } of builds) {
  if (!existsSync(wasm)) {
    console.error(`The component ${wasm} is missing: run ./build.sh at the top of the repository first.`);
    process.exit(1);
  }
  const entry = join(root, out, `${name}.js`);
  if (existsSync(entry) && statSync(entry).mtimeMs >= statSync(wasm).mtimeMs) continue;
  const result = spawnSync(process.execPath, [
    jco, 'transpile', wasm, '--out-dir', join(root, out), '--name', name, ...args, '--quiet',
  ], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
