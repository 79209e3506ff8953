// Any jco-transpiled build of the connector, driven by its own manifest:
// `bind(connector)` gives `call(name, input)`, which runs any operation with
// input in the manifest's JSON form (WIT names such as `access-token`,
// variants as {tag, val}) and answers in that form; the conversion to and
// from jco's shapes (camelCase fields, `undefined` for none) follows the
// manifest's schemas, so it knows no operation by heart. Failures are thrown
// as ConnectorError with the connector's `error` value, its summary and
// remedy. lib/connector.js binds the custom-import component, lib/standard.js
// the standard-WASI one.

/** `access-token` → `accessToken`, as jco names WIT identifiers. */
export function camel(name) {
  return name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
}

/** A failure of a connector operation, with the connector's advice. */
export class ConnectorError extends Error {
  constructor(error) {
    const detail = error.val?.failure ?? error.val;
    const message = error.tag === 'invalid-input'
      ? `Invalid input: ${error.val.field} ${error.val.reason}`
      : `${detail.summary} ${detail.remedy}`;
    super(message);
    this.name = 'ConnectorError';
    /** The connector's `error` in the manifest's JSON form. */
    this.error = error;
    /** The error case, e.g. `not-found`. */
    this.tag = error.tag;
    /** What to do about it (for invalid input: the reason). */
    this.remedy = error.tag === 'invalid-input' ? error.val.reason : detail.remedy;
    /** Whether the same call may succeed later unchanged. */
    this.retryable = error.tag === 'invalid-input' ? false : detail.retryable;
  }
}

function invalid(field, reason) {
  return new ConnectorError({ tag: 'invalid-input', val: { field, reason } });
}

/** A value in the manifest's JSON form → jco's shape, checked against `schema`. */
export function toComponent(schema, value, at = 'input') {
  if (schema.oneOf) {
    const alternative = schema.oneOf.find((alt) => alt.properties.tag.const === value?.tag);
    if (!alternative) {
      const tags = schema.oneOf.map((alt) => alt.properties.tag.const).join(', ');
      throw invalid(at, `must be {"tag": …} with a tag among ${tags}`);
    }
    return alternative.properties.val
      ? { tag: value.tag, val: toComponent(alternative.properties.val, value.val, `${at}.val`) }
      : { tag: value.tag };
  }
  switch (schema.type) {
    case 'object': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw invalid(at, 'must be an object');
      }
      for (const key of Object.keys(value)) {
        if (!(key in schema.properties)) throw invalid(`${at}.${key}`, 'is not a field here');
      }
      const out = {};
      for (const [key, property] of Object.entries(schema.properties)) {
        const given = value[key];
        if (given === undefined || given === null) {
          if (schema.required.includes(key)) throw invalid(`${at}.${key}`, 'is required');
          continue;
        }
        out[camel(key)] = toComponent(property, given, `${at}.${key}`);
      }
      return out;
    }
    case 'array':
      if (!Array.isArray(value)) throw invalid(at, 'must be a list');
      return value.map((item, i) => toComponent(schema.items, item, `${at}[${i}]`));
    case 'integer':
      if (!Number.isInteger(value)) throw invalid(at, 'must be a whole number');
      return value;
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid(at, 'must be true or false');
      return value;
    case 'string':
      if (typeof value !== 'string') throw invalid(at, 'must be text');
      if (schema.enum && !schema.enum.includes(value)) {
        throw invalid(at, `must be one of ${schema.enum.join(', ')}`);
      }
      return value;
    default:
      throw new Error(`The manifest has a schema this host does not know at ${at}.`);
  }
}

/** A value in jco's shape → the manifest's JSON form (none is left out). */
export function fromComponent(schema, value) {
  if (schema.oneOf) {
    const alternative = schema.oneOf.find((alt) => alt.properties.tag.const === value.tag);
    return alternative.properties.val
      ? { tag: value.tag, val: fromComponent(alternative.properties.val, value.val) }
      : { tag: value.tag };
  }
  switch (schema.type) {
    case 'object': {
      const out = {};
      for (const [key, property] of Object.entries(schema.properties)) {
        const given = value[camel(key)];
        if (given !== undefined) out[key] = fromComponent(property, given);
      }
      return out;
    }
    case 'array':
      return value.map((item) => fromComponent(schema.items, item));
    default:
      return value;
  }
}

/**
 * The operations of `connector` (the `connector` export of a jco-transpiled
 * build): its parsed `manifest`, `operation(name)`, its manifest entry, and
 * `call(name, input)`, which runs it with `input` (an object keyed by its
 * parameters' WIT names) and returns its result in the manifest's JSON form.
 * `call` throws ConnectorError when the input does not fit the schema or the
 * operation fails.
 */
export function bind(connector) {
  const manifest = JSON.parse(connector.describe());

  function operation(name) {
    const op = manifest.operations.find((o) => o.name === name);
    if (!op) throw new Error(`The connector has no operation ${name}.`);
    return op;
  }

  function call(name, input) {
    if (name === 'describe') return connector.describe();
    const op = operation(name);
    const args = toComponent(op.input, input, name);
    const positional = op.params.map((param) => args[camel(param)]);
    try {
      return fromComponent(op.output, connector[camel(name)](...positional));
    } catch (thrown) {
      if (thrown?.payload?.tag) throw new ConnectorError(fromComponent(manifest.error, thrown.payload));
      throw thrown;
    }
  }

  return { manifest, operation, call };
}
