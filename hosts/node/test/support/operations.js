// The shared table of operations (wasi/tests/operations.json) run through any
// `call(name, input)` that throws ConnectorError on failure: placeholders
// filled in, the consent page followed, every expectation checked.

import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const TABLE = new URL('../../../../wasi/tests/operations.json', import.meta.url);

export const steps = () => JSON.parse(readFileSync(TABLE, 'utf8')).steps;

/**
 * Writes the table's video into `directory`; returns the guest name to
 * preopen `directory` as and the host-content name `${content}` stands for.
 */
export function writeContent(directory) {
  const content = JSON.parse(readFileSync(TABLE, 'utf8')).content;
  writeFileSync(join(directory, content.file), content.text);
  return { guest: content.directory, name: `${content.directory}/${content.file}` };
}

/** The part of `value` at the dotted `path` (list indexes as numbers). */
export function lookup(value, path) {
  return path.split('.').filter(Boolean).reduce((v, part) => v[Array.isArray(v) ? Number(part) : part], value);
}

/** `template` with every `"${name}"` string replaced from `known`. */
export function fill(template, known) {
  if (Array.isArray(template)) return template.map((v) => fill(v, known));
  if (template && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fill(v, known)]));
  }
  if (typeof template === 'string' && template.startsWith('${') && template.endsWith('}')) {
    const [head, ...path] = template.slice(2, -1).split('.');
    return lookup(known[head], path.join('.'));
  }
  return template;
}

/** The code the consent page at `url` redirects with (not followed). */
export async function consent(url) {
  const answer = await fetch(url, { redirect: 'manual' });
  assert.equal(answer.status, 302);
  return new URL(answer.headers.get('location')).searchParams.get('code');
}

function check(step, output, known) {
  const expect = fill(step.expect, known);
  const got = lookup(output, expect.path) ?? null;
  const where = `${step.operation} ${JSON.stringify(expect.path)}`;
  if ('equals' in expect) assert.deepEqual(got, expect.equals, where);
  if ('count' in expect) assert.equal(got.length, expect.count, where);
  if ('contains' in expect) assert.ok(got.includes(expect.contains), where);
}

/**
 * Runs every step through `call(name, input)` (which may return a promise);
 * returns the operations run. `known` holds `config`, `redirect-uri` and
 * `content`; outputs are added to it.
 */
export async function run(call, ConnectorError, known) {
  const ran = [];
  for (const step of steps()) {
    const input = fill(step.input, known);
    if (step.fails) {
      await assert.rejects(async () => call(step.operation, input), (error) => {
        assert.ok(error instanceof ConnectorError, String(error));
        assert.equal(error.tag, step.fails, error.message);
        return true;
      });
    } else {
      const output = await call(step.operation, input);
      check(step, output, known);
      known[step.operation] = output;
      if (step.consent) known.code = await consent(lookup(output, step.consent));
    }
    ran.push(step.operation);
  }
  return ran;
}
