// Runs requests in a process of its own and prints what came back with the
// process's peak memory before and after (`process.resourceUsage().maxRSS`),
// so that a test can tell how much was held. The requests go through
//
// - `"via": "host"`: the Node host's http import (lib/http.js), with
//   `hold` ({name: path}) held as host content;
// - `"via": "adapter"`: the wasi:http adapter transpiled by jco, on
//   preview2-shim's own wasi:http, with `preopens` ({name: dir}).
//
// Usage: node rss-probe.mjs '{"via": …, "warmUp": URL, "requests": [...], …}'
// (without an argument, as `node --test test/` runs it, it does nothing).

import { holdContent, send as hostSend } from '../../lib/http.js';

/** `send` through the jco-transpiled adapter, answering as lib/http.js does. */
async function adapterSend(preopens) {
  const { _setPreopens } = await import('@bytecodealliance/preview2-shim/filesystem');
  const { http } = await import('../../gen-adapter/pinterest_connector_adapter.js');
  _setPreopens(preopens);
  return (request) => {
    try {
      return { tag: 'ok', val: http.send(request) };
    } catch (error) {
      if (error?.payload) return { tag: 'err', val: error.payload };
      throw error;
    }
  };
}

async function main({ via, warmUp, requests, hold = {}, preopens = {} }) {
  let send = hostSend;
  if (via === 'adapter') {
    send = await adapterSend(preopens);
  } else {
    for (const [name, path] of Object.entries(hold)) holdContent(name, path);
  }
  const toBytes = (part) => (part.tag === 'bytes' ? { tag: 'bytes', val: Buffer.from(part.val) } : part);
  send({ method: 'get', url: warmUp, headers: [], body: [] });
  const before = process.resourceUsage().maxRSS * 1024;
  const results = requests.map((request) => {
    const result = send({ ...request, body: (request.body ?? []).map(toBytes) });
    if (result.tag === 'ok') result.val = { status: result.val.status, body: Buffer.from(result.val.body).toString() };
    return result;
  });
  const after = process.resourceUsage().maxRSS * 1024;
  console.log(JSON.stringify({ results, before, after }));
}

if (process.argv[2]) await main(JSON.parse(process.argv[2]));
