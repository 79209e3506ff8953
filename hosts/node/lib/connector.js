// The custom-import component for Node: its `http` import answered by
// lib/http.js (Node's HTTP client behind a worker), its operations run by
// `call(name, input)` in the manifest's JSON form (see lib/bind.js).

import { connector } from '../gen/pinterest_connector.js';
import { bind } from './bind.js';

export { connector };
export { configure, holdContent, releaseContent } from './http.js';
export { ConnectorError, camel, fromComponent, toComponent } from './bind.js';

const bound = bind(connector);

/** The parsed `describe` document. */
export const manifest = bound.manifest;

/** The manifest entry of operation `name`. */
export const operation = bound.operation;

/**
 * Runs operation `name` with `input` (an object keyed by its parameters'
 * WIT names) and returns its result in the manifest's JSON form. Throws
 * ConnectorError when the input does not fit the schema or the operation
 * fails.
 */
export const call = bound.call;
