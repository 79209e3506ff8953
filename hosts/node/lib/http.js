// The component's `pinterest:connector/http` import for Node.js.
//
// `send` is synchronous from the component's side, while Node's HTTP client
// is asynchronous. As jco's own WASI shim does, a worker thread performs the
// request and the calling thread blocks on a SharedArrayBuffer with
// Atomics.wait until the worker has posted the answer. Rules, as for every
// host: redirects are not followed, 4xx/5xx come back as responses, each
// request is bounded by its `timeoutMs`, bodies are capped, and requests the
// host's policy refuses are answered `denied`. Nothing is logged.

import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';

/** Time limit when a request names none. */
export const DEFAULT_TIMEOUT_MS = 30_000;
/** Largest response body read; a bigger one is refused as `denied`. */
export const DEFAULT_MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
/** How much longer than the request's own limit the caller waits for the worker. */
const WORKER_GRACE_MS = 2_000;

const settings = {
  maxResponseBytes: DEFAULT_MAX_RESPONSE_BYTES,
  allowedOrigins: null,
};

/**
 * Sets the host's policy: `allowedOrigins` (e.g. `['https://api.pinterest.com']`;
 * `null` allows any http(s) origin) and `maxResponseBytes`.
 */
export function configure({ allowedOrigins, maxResponseBytes } = {}) {
  if (allowedOrigins !== undefined) settings.allowedOrigins = allowedOrigins;
  if (maxResponseBytes !== undefined) settings.maxResponseBytes = maxResponseBytes;
}

let bridge = null;
let nextId = 1;

function start() {
  const { port1, port2 } = new MessageChannel();
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL('./http-worker.js', import.meta.url), {
    workerData: { port: port2, signal },
    transferList: [port2],
  });
  // Neither keeps the process alive once the caller is done.
  worker.unref();
  port1.unref();
  return { worker, port: port1, signal };
}

function refusal(url) {
  let target;
  try {
    target = new URL(url);
  } catch {
    return `not an absolute URL`;
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') {
    return `the host sends only http and https requests, not ${target.protocol}`;
  }
  if (settings.allowedOrigins && !settings.allowedOrigins.includes(target.origin)) {
    return `egress to ${target.origin} is not allowed by the host`;
  }
  return null;
}

/** The refusal of host content: this host holds none. */
const NO_CONTENT = { tag: 'err', val: { tag: 'denied', val: 'this host holds no content to stream' } };

/**
 * `content-length: func(name) -> result<u64, http-error>`: this host holds
 * no content for the component to stream, so every name is refused.
 */
export function contentLength(_name) {
  return NO_CONTENT;
}

/** The body's parts as one byte array; null when a part is host content. */
function bodyBytes(parts = []) {
  if (parts.some((part) => part.tag !== 'bytes')) return null;
  return Buffer.concat(parts.map((part) => part.val));
}

/**
 * `send: func(request) -> result<response, http-error>`, in jco's shapes:
 * returns `{tag: 'ok', val: response}` or `{tag: 'err', val: httpError}`.
 */
export function send(request) {
  const denied = refusal(request.url);
  if (denied) return { tag: 'err', val: { tag: 'denied', val: denied } };
  const body = bodyBytes(request.body);
  if (body === null) return NO_CONTENT;
  bridge ??= start();
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const id = nextId++;
  Atomics.store(bridge.signal, 0, 0);
  bridge.port.postMessage({
    id,
    request: { ...request, body: body.length > 0 ? body : null, timeoutMs },
    maxResponseBytes: settings.maxResponseBytes,
  });
  const deadline = Date.now() + timeoutMs + WORKER_GRACE_MS;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return { tag: 'err', val: { tag: 'timeout' } };
    Atomics.wait(bridge.signal, 0, 0, left);
    Atomics.store(bridge.signal, 0, 0);
    // Answers to requests given up on earlier are dropped here.
    for (let m = receiveMessageOnPort(bridge.port); m; m = receiveMessageOnPort(bridge.port)) {
      if (m.message.id === id) return m.message.result;
    }
  }
}
