// The worker thread behind lib/http.js: performs each request with Node's
// http/https client (no redirects followed, every status returned, the
// whole exchange under the request's time limit), streams the body's parts
// in order (bytes as they are, files from disk through two reused 64 KiB
// buffers), refuses a response body over the cap before it is read whole
// (at once when its announced length is over), posts the outcome back and
// wakes the waiting thread with Atomics.notify.

import { open } from 'node:fs/promises';
import http from 'node:http';
import https from 'node:https';
import { once } from 'node:events';
import { workerData } from 'node:worker_threads';

const { port, signal } = workerData;

/** How much of a file is read (and sent on) at a time. */
const CHUNK = 64 * 1024;

port.on('message', async ({ id, request, maxResponseBytes }) => {
  const result = await perform(request, maxResponseBytes);
  port.postMessage({ id, result });
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});

function headerObject(headers) {
  const out = {};
  for (const { name, value } of headers) {
    const existing = out[name];
    out[name] = existing === undefined ? value : [].concat(existing, value);
  }
  return out;
}

const tooLarge = (max) => ({
  tag: 'err',
  val: { tag: 'denied', val: `response body exceeds the host's limit of ${max} bytes` },
});

/** Writes `chunk` to `request`, waiting while its buffer is full. */
async function write(request, chunk) {
  if (!request.write(chunk)) await once(request, 'drain');
}

/**
 * Sends the file's bytes into `request` through two reused buffers: one is
 * read while the other is written, and a buffer is read into again only
 * once the request has taken its bytes, so the file is never held.
 */
async function sendFile(request, file, name) {
  const buffers = [Buffer.allocUnsafe(CHUNK), Buffer.allocUnsafe(CHUNK)];
  const written = [Promise.resolve(), Promise.resolve()];
  let sent = 0;
  for (let turn = 0; ; turn ^= 1) {
    await written[turn];
    let bytesRead;
    try {
      ({ bytesRead } = await file.read(buffers[turn], 0, CHUNK, null));
    } catch (error) {
      throw { tag: 'transport', val: `host content ${JSON.stringify(name)} cannot be read: ${error.code ?? 'error'}` };
    }
    if (bytesRead === 0) break;
    sent += bytesRead;
    written[turn] = new Promise((resolve, reject) =>
      request.write(buffers[turn].subarray(0, bytesRead), (error) => (error ? reject(error) : resolve())),
    );
    // Awaited on the next turn of this buffer; marked handled meanwhile.
    written[turn].catch(() => {});
    if (request.writableNeedDrain) await once(request, 'drain');
  }
  await Promise.all(written);
  return sent;
}

/**
 * Streams the body's parts into `request` and ends it; rejects with the
 * http-error when a file cannot be read or changed size.
 */
async function upload(request, parts) {
  for (const part of parts) {
    if (part.bytes) {
      await write(request, part.bytes);
      continue;
    }
    let sent = 0;
    const expected = part.size;
    let file;
    try {
      file = await open(part.path);
    } catch (error) {
      throw { tag: 'transport', val: `host content ${JSON.stringify(part.name)} cannot be read: ${error.code ?? 'error'}` };
    }
    try {
      sent = await sendFile(request, file, part.name);
    } finally {
      await file.close();
    }
    if (expected !== undefined && sent !== expected) {
      throw { tag: 'transport', val: `host content ${JSON.stringify(part.name)} changed size while it was sent` };
    }
  }
  request.end();
}

function perform({ method, url, headers, parts, timeoutMs }, maxResponseBytes) {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result) => {
      if (!settled) {
        settled = true;
        clearTimeout(timer);
        resolve(result);
      }
    };
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : http;
    const request = client.request(target, {
      method: method.toUpperCase(),
      headers: headerObject(headers),
    });
    const timer = setTimeout(() => {
      finish({ tag: 'err', val: { tag: 'timeout' } });
      request.destroy();
    }, timeoutMs);
    request.on('error', (error) => {
      finish({ tag: 'err', val: { tag: 'transport', val: `${error.code ?? 'error'}: ${error.message}` } });
    });
    request.on('response', (response) => {
      const announced = Number(response.headers['content-length']);
      if (announced > maxResponseBytes) {
        finish(tooLarge(maxResponseBytes));
        request.destroy();
        return;
      }
      const chunks = [];
      let size = 0;
      response.on('data', (chunk) => {
        size += chunk.length;
        if (size > maxResponseBytes) {
          finish(tooLarge(maxResponseBytes));
          request.destroy();
          return;
        }
        chunks.push(chunk);
      });
      response.on('error', (error) => {
        finish({ tag: 'err', val: { tag: 'transport', val: `reading the response body: ${error.message}` } });
      });
      response.on('end', () => {
        const pairs = [];
        for (let i = 0; i < response.rawHeaders.length; i += 2) {
          pairs.push({ name: response.rawHeaders[i], value: response.rawHeaders[i + 1] });
        }
        const bytes = Buffer.concat(chunks);
        finish({
          tag: 'ok',
          val: {
            status: response.statusCode,
            headers: pairs,
            body: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength),
          },
        });
      });
    });
    upload(request, parts).catch((error) => {
      finish({ tag: 'err', val: error.tag ? error : { tag: 'transport', val: String(error) } });
      request.destroy();
    });
  });
}
