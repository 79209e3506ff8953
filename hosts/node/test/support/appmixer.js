// What the tests need of Appmixer's engine: the connector's modules loaded
// as Appmixer loads them (CommonJS), the context objects it passes to the
// auth hooks, to a component's receive() and to a trigger's tick(), its file
// store, and the designer's dropdowns: an inspector input's `source` run as
// Appmixer runs it (the named component called with the mapped fields, its
// answer on the named port put through the named transform).

import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Loads a module of appmixer/pinterest, e.g. `auth.js` or `core/ListBoards/ListBoards.js`. */
export function load(path) {
  return require(`../../appmixer/pinterest/${path}`);
}

/** The component.json of component `name`. */
export function definition(name) {
  return load(`core/${name}/component.json`);
}

/** Appmixer's CancelError: a failure that retrying will not fix. */
export class CancelError extends Error {
  constructor(message) {
    super(message);
    this.name = 'CancelError';
  }
}

/** The context of the auth hooks: the app, the callback and the service configuration. */
export function authContext(standIn, extra = {}) {
  return {
    clientId: standIn.clientId,
    clientSecret: standIn.clientSecret,
    callbackUrl: 'http://localhost:8085/',
    scope: load('auth.js').definition.scope,
    ticket: 'ticket-1a2b3c',
    config: { environment: 'sandbox', apiBaseUrl: standIn.sandboxApi, authorizeUrl: standIn.consentPage },
    ...extra,
  };
}

/**
 * Appmixer's file store for the context: `files` maps file ids to paths on
 * disk. Records how many bytes each read stream handed out.
 */
function fileStore(files = {}) {
  const bytesRead = {};
  const path = (fileId) => {
    if (!files[fileId]) throw new Error(`no Appmixer file ${fileId}`);
    return files[fileId];
  };
  return {
    bytesRead,
    getFileInfo: async (fileId) => ({
      fileId,
      filename: basename(path(fileId)),
      length: statSync(path(fileId)).size,
      contentType: 'video/mp4',
    }),
    getFileReadStream: async (fileId) => {
      const stream = createReadStream(path(fileId), { highWaterMark: 64 * 1024 });
      bytesRead[fileId] = 0;
      stream.on('data', (chunk) => { bytesRead[fileId] += chunk.length; });
      return stream;
    },
  };
}

/**
 * Runs a component's receive() with `input` on its in port; resolves to what
 * it sent, by port. `files` (file id → path) is the file store.
 */
export async function receive(component, input, { accessToken, config, files, store = fileStore(files) }) {
  const sent = [];
  const context = {
    auth: { accessToken },
    config,
    messages: { in: { content: input } },
    CancelError,
    getFileInfo: store.getFileInfo,
    getFileReadStream: store.getFileReadStream,
    sendJson: async (data, port) => { sent.push({ port, data }); },
  };
  await load(`core/${component}/${component}.js`).receive(context);
  return sent;
}

/** The file store `receive` uses when given `{ store }`, for tests that look at its reads. */
export const files = fileStore;

/**
 * Runs a trigger's tick() with its `properties` and the `state` Appmixer
 * kept from the previous tick; resolves to what it sent and the state it
 * saved (the old one when it saved none).
 */
export async function tick(component, properties, { accessToken, config, state = {} }) {
  const sent = [];
  let saved = state;
  const context = {
    auth: { accessToken },
    config,
    properties,
    state,
    CancelError,
    saveState: async (next) => { saved = next; },
    sendJson: async (data, port) => { sent.push({ port, data }); },
  };
  await load(`core/${component}/${component}.js`).tick(context);
  return { sent, state: saved };
}

/** The inspector of a component's fields: its in port's, or a trigger's properties'. */
function inspector(component) {
  const json = definition(component);
  return json.properties
    ? { where: 'properties', inputs: json.properties.inspector.inputs }
    : { where: 'inputs/in', inputs: json.inPorts[0].inspector.inputs };
}

/**
 * The options Appmixer's designer shows for the dropdown of `field` on
 * `component`, whose other fields hold `values`: the source component is
 * called with the fields its `data.messages` maps (`inputs/in/x` and
 * `properties/x` read from `values`, anything else as it is), and what it
 * sends on the source's port goes through its transform.
 */
export async function dropdown(component, field, values, auth) {
  const { where, inputs } = inspector(component);
  const { source } = inputs[field];
  const url = new URL(source.url, 'http://appmixer.invalid');
  const [, vendor, service, module, name] = url.pathname.split('/').slice(1);
  if (`${vendor}.${service}.${module}` !== 'wasm.pinterest.core') throw new Error(`${source.url}: not this connector`);
  const message = {};
  for (const [target, from] of Object.entries(source.data.messages ?? {})) {
    const key = target.replace(/^in\//, '');
    message[key] = typeof from === 'string' && from.startsWith(`${where}/`) ? values[from.slice(where.length + 1)] : from;
  }
  const sent = await receive(name, message, auth);
  const answer = sent.find((m) => m.port === url.searchParams.get('outPort'));
  const [file, transform] = source.data.transform.replace(/^\.\//, '').split('#');
  return load(`core/${name}/${file}.js`)[transform](answer.data);
}

/** The field names the out port of `component` declares. */
export function outFields(component) {
  return definition(component).outPorts[0].options.map((o) => o.value);
}
