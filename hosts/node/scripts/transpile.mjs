// Transpiles the component for Node with jco into gen/, mapping its `http`
// import to lib/http.js. The component is $PINTEREST_CONNECTOR_WASM, or the
// workspace's release build (made by ./build.sh). Skips the work when gen/
// is newer than the component.

import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const wasm = process.env.PINTEREST_CONNECTOR_WASM
  ?? join(root, '../../target/wasm32-wasip2/release/pinterest_connector.wasm');
const out = join(root, 'gen');
const entry = join(out, 'pinterest_connector.js');

if (!existsSync(wasm)) {
  console.error(`The component ${wasm} is missing: run ./build.sh at the top of the repository first.`);
  process.exit(1);
}
if (existsSync(entry) && statSync(entry).mtimeMs >= statSync(wasm).mtimeMs) {
  process.exit(0);
}
const jco = join(root, 'node_modules/@bytecodealliance/jco/dist/jco.js');
const result = spawnSync(process.execPath, [
  jco,
  'transpile', wasm,
  '--out-dir', out,
  '--name', 'pinterest_connector',
  '--map', 'pinterest:connector/http@0.3.0=../lib/http.js',
  '--quiet',
], { stdio: 'inherit' });
process.exit(result.status ?? 1);
