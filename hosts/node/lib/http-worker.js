// The worker thread behind lib/http.js: performs each request with Node's
// http/https client (no redirects followed, every status returned, the
// whole exchange under the request's time limit, the body under a size cap),
// posts the outcome back and wakes the waiting thread with Atomics.notify.

import http from 'node:http';
import https from 'node:https';
import { workerData } from 'node:worker_threads';

const { port, signal } = workerData;

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

function perform({ method, url, headers, body, timeoutMs }, maxResponseBytes) {
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
      const chunks = [];
      let size = 0;
      response.on('data', (chunk) => {
        size += chunk.length;
        if (size > maxResponseBytes) {
          finish({
            tag: 'err',
            val: { tag: 'denied', val: `response body exceeds the host's limit of ${maxResponseBytes} bytes` },
          });
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
    if (body) {
      request.end(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
    } else {
      request.end();
    }
  });
}
