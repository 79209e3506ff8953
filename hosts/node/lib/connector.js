// The custom-import component for Node: its `http` import answered by
// lib/http.js (Node's HTTP client behind a worker), its operations run by
// `call(name, input)` in the manifest's JSON form (see lib/bind.js).

import { connector } from '../gen/pinterest_connector.js';
import { bind } from './bind.js';
import { originOf } from './egress.js';

export { connector };
export { configure, holdContent, releaseContent, withEgress } from './http.js';
export { ConnectorError, camel, fromComponent, toComponent } from './bind.js';

const bound = bind(connector);

/** The parsed `describe` document. */
export const manifest = bound.manifest;

/**
 * The origins the component reaches for `config` (the manifest's JSON
 * form): the `api-base-url`'s when set, else the API of the `environment`
 * (the manifest's `api.production` or `api.sandbox`). Every request of
 * every operation, token exchange included, goes there; a base URL that
 * is not an http(s) URL without credentials gives none (the component
 * refuses it by name before any request).
 */
export function apiOrigins(config = {}) {
  const base = config['api-base-url'] ?? manifest.api[config.environment === 'sandbox' ? 'sandbox' : 'production'];
  try {
    return [originOf(base)];
  } catch {
    return [];
  }
}

/** The manifest entry of operation `name`. */
export const operation = bound.operation;

/**
 * Runs operation `name` with `input` (an object keyed by its parameters'
 * WIT names) and returns its result in the manifest's JSON form. Throws
 * ConnectorError when the input does not fit the schema or the operation
 * fails.
 */
export const call = bound.call;
