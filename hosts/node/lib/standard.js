// The standard-WASI artifact for Node: the connector with its wasi:http
// adapter composed in (pinterest_connector_wasi.wasm), transpiled by jco
// with @bytecodealliance/preview2-shim's own WASI and wasi:http — no import
// of ours. Its operations are run by `call(name, input)` in the manifest's
// JSON form (see lib/bind.js).
//
// Host content (a video to upload, named `dir/file`) is read by the adapter
// through the shim's wasi:filesystem from the directories given to
// `preopen({ dir: '/host/path' })`.

import { _setPreopens } from '@bytecodealliance/preview2-shim/filesystem';

import { connector } from '../gen-wasi/pinterest_connector_wasi.js';
import { bind } from './bind.js';

export { connector };
export { ConnectorError } from './bind.js';

/**
 * Makes `directories` (guest name → host directory) the only ones whose
 * files the connector may stream into requests. None by default.
 */
export function preopen(directories) {
  _setPreopens(directories);
}

const bound = bind(connector);

/** The parsed `describe` document. */
export const manifest = bound.manifest;

/** The manifest entry of operation `name`. */
export const operation = bound.operation;

/** Runs operation `name` with `input`; see lib/bind.js. */
export const call = bound.call;
