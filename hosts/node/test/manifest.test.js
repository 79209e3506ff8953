// The Appmixer connector against the component's manifest: the committed
// component.json files are what `npm run generate` makes of it, and
// auth.js, quota.js and service.json agree with it. Also the manifest-driven
// conversion that `call` does.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

import { appmixerComponents } from '../lib/appmixer.js';
import { ConnectorError, call, manifest, toComponent } from '../lib/connector.js';
import { load } from './support/appmixer.js';

const committed = (path) => JSON.parse(readFileSync(new URL(`../appmixer/pinterest/${path}`, import.meta.url), 'utf8'));

test('component.json files are generated from the manifest (npm run generate)', () => {
  for (const [path, generated] of Object.entries(appmixerComponents(manifest))) {
    assert.deepEqual(committed(path), generated, `${path} is stale: run npm run generate`);
  }
});

test('auth.js asks for the default scopes and names the account as the manifest says', () => {
  const { definition, type } = load('auth.js');
  assert.equal(type, manifest.auth.type);
  assert.deepEqual(definition.scope, manifest.auth.defaultScopes);
  assert.equal(definition.accountNameFromProfileInfo, manifest.auth.accountNameField);
  for (const hook of ['authUrl', 'requestAccessToken', 'refreshAccessToken', 'requestProfileInfo', 'validateAccessToken']) {
    assert.equal(typeof definition[hook], 'function', hook);
  }
});

test('every component is covered by the scopes asked for and by a quota rule of its category', () => {
  const { rules } = load('quota.js');
  const scopes = load('auth.js').definition.scope;
  for (const path of Object.keys(appmixerComponents(manifest))) {
    const component = committed(path);
    assert.equal(component.auth.service, 'wasm:pinterest');
    assert.ok(component.auth.scope.every((s) => scopes.includes(s)), path);
    const rule = rules.find((r) => r.resource === component.quota.resources);
    assert.ok(rule, `${path}: no quota rule for ${component.quota.resources}`);
    assert.equal(rule.scope, 'userId');
  }
  const writes = rules.find((r) => r.resource === 'org_write');
  assert.equal(writes.limit / (writes.window / 60_000), 60, 'writes are paced at 60 a minute');
  assert.equal(committed('core/CreatePin/component.json').quota.resources, 'org_write');
});

test('service.json carries the manifest version', () => {
  assert.equal(committed('service.json').version, manifest.version);
});

test('call checks input against the manifest before anything is sent', () => {
  const config = { 'client-id': '1', 'client-secret': 's', environment: 'sandbox', 'api-base-url': 'http://127.0.0.1:9' };
  const cases = [
    [{ config, 'access-token': 't' }, 'list-boards.query is required'],
    [{ config, 'access-token': 't', query: { pageSize: 25 } }, 'list-boards.query.pageSize is not a field here'],
    [{ config, 'access-token': 't', query: { privacy: 'everyone' } }, 'list-boards.query.privacy must be one of'],
    [{ config: { ...config, environment: 'staging' }, 'access-token': 't', query: {} }, 'list-boards.config.environment must be one of'],
  ];
  for (const [input, message] of cases) {
    assert.throws(() => call('list-boards', input), (e) => e instanceof ConnectorError && e.tag === 'invalid-input' && e.message.includes(message), message);
  }
  const pin = manifest.operations.find((o) => o.name === 'create-pin').input.properties.pin;
  assert.deepEqual(
    toComponent(pin, { 'board-id': '1', media: { tag: 'image-url', val: 'https://example.com/a.jpg' }, 'alt-text': 'A' }),
    { boardId: '1', media: { tag: 'image-url', val: 'https://example.com/a.jpg' }, altText: 'A' },
  );
});

test('every operation is an Appmixer component, an auth.js hook, or named here as neither', () => {
  const { components } = load('components.js');
  const used = new Set(Object.values(components).flatMap((c) => [c.operation, ...(c.also ?? [])]));
  const hooks = new Set(Object.values(manifest.auth.operations));
  const neither = {
    'list-boards': 'one page: ListBoards reads every page (list-all-boards)',
    'list-sections': 'one page: ListSections reads every page (list-all-sections)',
    'list-pins': 'one page: ListPins reads every page (list-all-pins)',
    'list-media': 'an upload is followed by its own id (UploadVideo, GetMedia)',
  };
  for (const op of manifest.operations) {
    assert.ok(used.has(op.name) || hooks.has(op.name) || op.name in neither, `${op.name} has no Appmixer component`);
  }
  for (const name of Object.keys(neither)) assert.ok(manifest.operations.some((o) => o.name === name), name);
});

test('every component of the table has its module, and its fields can be built', () => {
  const { components } = load('components.js');
  for (const [name, spec] of Object.entries(components)) {
    const module = load(`core/${name}/${name}.js`);
    assert.equal(typeof (spec.trigger ? module.tick : module.receive), 'function', name);
    const names = spec.fields.map(([field]) => field);
    assert.equal(new Set(names).size, names.length, `${name}: a field twice`);
    for (const [field, pointer, extras = {}] of spec.fields) {
      // lib.action sets a plain pointer as it is; a variant's case, another
      // operation's field or a field of the platform's needs the table's
      // `build` or the component's own code.
      if (pointer === null || /[#:]/.test(pointer)) {
        assert.ok(spec.build || module.receive?.table !== name, `${name}.${field} needs build`);
      }
      if (extras.dropdown === 'section') assert.ok(names.includes('boardId'), `${name}: a section dropdown needs boardId`);
    }
  }
});
