// Writes appmixer/pinterest/core/*/component.json from the component's
// manifest (run after `npm run transpile`).

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { appmixerComponents } from '../lib/appmixer.js';
import { manifest } from '../lib/connector.js';

const base = join(dirname(fileURLToPath(import.meta.url)), '../appmixer/pinterest');
for (const [path, json] of Object.entries(appmixerComponents(manifest))) {
  mkdirSync(dirname(join(base, path)), { recursive: true });
  writeFileSync(join(base, path), `${JSON.stringify(json, null, 4)}\n`);
  console.log(`wrote appmixer/pinterest/${path}`);
}
