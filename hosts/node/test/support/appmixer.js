// What the tests need of Appmixer's engine: the connector's modules loaded
// as Appmixer loads them (CommonJS), and the context objects it passes to
// the auth hooks and to a component's receive().

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Loads a module of appmixer/pinterest, e.g. `auth.js` or `core/ListBoards/ListBoards.js`. */
export function load(path) {
  return require(`../../appmixer/pinterest/${path}`);
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

/** Runs a component's receive() with `input` on its in port; resolves to what it sent, by port. */
export async function receive(component, input, { accessToken, config }) {
  const sent = [];
  const context = {
    auth: { accessToken },
    config,
    messages: { in: { content: input } },
    CancelError,
    sendJson: async (data, port) => { sent.push({ port, data }); },
  };
  await load(`core/${component}/${component}.js`).receive(context);
  return sent;
}
