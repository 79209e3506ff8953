// The component's `pinterest:connector/http` import for Node.js.
//
// `send` is synchronous from the component's side, while Node's HTTP client
// is asynchronous. As jco's own WASI shim does, a worker thread performs the
// request and the calling thread blocks on a SharedArrayBuffer with
// Atomics.wait until the worker has posted the answer. Rules, as for every
// host: redirects are not followed, 4xx/5xx come back as responses, each
// request is bounded by its `timeoutMs`, response bodies are capped before
// they reach the component (a bigger one is refused `denied` naming the
// cap), and requests the host's policy refuses are answered `denied`.
// Nothing is logged.
//
// Host content: `holdContent(name, source)` gives the host content the
// component may name in a request body (`body-part::host-content`), e.g. a
// video to upload. A file path streams from disk in 64 KiB chunks; bytes (a
// Buffer or Uint8Array) are handed to the HTTP worker (shared when they are
// backed by a SharedArrayBuffer, copied once otherwise). Either way they
// never pass through the component.

import { statSync } from 'node:fs';
import { resolve } from 'node:path';
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

/** Content the component may stream into request bodies, by name. */
const contents = new Map();

/**
 * Holds `source` — a file path, or bytes (Buffer, Uint8Array) — as host
 * content called `name`, which the component may then name in a request
 * body. A path is read when a request is sent, not now.
 */
export function holdContent(name, source) {
  if (typeof source === 'string') {
    contents.set(name, { path: resolve(source) });
  } else if (source instanceof Uint8Array) {
    contents.set(name, { bytes: source });
  } else {
    throw new TypeError('host content is a file path or bytes (a Buffer or Uint8Array)');
  }
}

/** Stops holding the content called `name`. */
export function releaseContent(name) {
  contents.delete(name);
}

const err = (tag, val) => ({ tag: 'err', val: val === undefined ? { tag } : { tag, val } });

/** The held content `name` with its size now, or the http-error refusing it. */
function held(name) {
  const content = contents.get(name);
  if (!content) return { error: err('denied', `this host holds no content named ${JSON.stringify(name)}`) };
  if (content.bytes) return { part: { bytes: content.bytes }, size: content.bytes.byteLength };
  let stat;
  try {
    stat = statSync(content.path);
  } catch (error) {
    return { error: err('transport', `host content ${JSON.stringify(name)} cannot be read: ${error.code ?? 'error'}`) };
  }
  if (!stat.isFile()) return { error: err('denied', `host content ${JSON.stringify(name)} is not a regular file`) };
  return { part: { path: content.path, name, size: stat.size }, size: stat.size };
}

/**
 * `content-length: func(name) -> result<u64, http-error>`: the size of the
 * content held as `name` (a BigInt, as jco passes u64).
 */
export function contentLength(name) {
  const { error, size } = held(name);
  return error ?? { tag: 'ok', val: BigInt(size) };
}

/**
 * The body's parts as the worker streams them — bytes the component built,
 * files by path, held bytes — and their total length; or the refusal of a
 * part.
 */
function bodyParts(parts = []) {
  const out = [];
  let length = 0;
  for (const part of parts) {
    if (part.tag === 'bytes') {
      out.push({ bytes: part.val });
      length += part.val.byteLength;
      continue;
    }
    const { error, part: content, size } = held(part.val);
    if (error) return { error };
    out.push(content);
    length += size;
  }
  return { parts: out, length };
}

/**
 * `send: func(request) -> result<response, http-error>`, in jco's shapes:
 * returns `{tag: 'ok', val: response}` or `{tag: 'err', val: httpError}`.
 */
export function send(request) {
  const denied = refusal(request.url);
  if (denied) return err('denied', denied);
  const { error, parts, length } = bodyParts(request.body);
  if (error) return error;
  const headers = [...request.headers];
  if (parts.length > 0 && !headers.some((h) => h.name.toLowerCase() === 'content-length')) {
    headers.push({ name: 'content-length', value: String(length) });
  }
  bridge ??= start();
  const timeoutMs = request.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const id = nextId++;
  Atomics.store(bridge.signal, 0, 0);
  bridge.port.postMessage({
    id,
    request: { method: request.method, url: request.url, headers, parts, timeoutMs },
    maxResponseBytes: settings.maxResponseBytes,
  });
  const deadline = Date.now() + timeoutMs + WORKER_GRACE_MS;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) return err('timeout');
    Atomics.wait(bridge.signal, 0, 0, left);
    Atomics.store(bridge.signal, 0, 0);
    // Answers to requests given up on earlier are dropped here.
    for (let m = receiveMessageOnPort(bridge.port); m; m = receiveMessageOnPort(bridge.port)) {
      if (m.message.id === id) return m.message.result;
    }
  }
}
