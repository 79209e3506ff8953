// A small HTTP server on a worker thread, for the edge cases of the http
// import: the test's own thread blocks in Atomics.wait while the component
// waits for an answer, so the server cannot share it.
//
//   /status/N   answers N with a JSON body
//   /redirect   302 to /elsewhere
//   /slow       answers after 5 s
//   /big        a body of 64 KiB
//   /echo       the request's method, headers and body as JSON, with a
//               repeated response header

import http from 'node:http';
import { Worker, isMainThread, parentPort } from 'node:worker_threads';

if (!isMainThread) {
  const server = http.createServer((request, response) => {
    const chunks = [];
    request.on('data', (c) => chunks.push(c));
    request.on('end', () => {
      const path = request.url;
      if (path.startsWith('/status/')) {
        const status = Number(path.slice('/status/'.length));
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ code: status, message: `status ${status}` }));
      } else if (path === '/redirect') {
        response.writeHead(302, { location: '/elsewhere' });
        response.end();
      } else if (path === '/slow') {
        setTimeout(() => response.end('late'), 5000).unref();
      } else if (path === '/big') {
        response.end(Buffer.alloc(64 * 1024, 'x'));
      } else if (path === '/echo') {
        response.setHeader('x-repeated', ['one', 'two']);
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify({
          method: request.method,
          headers: request.headers,
          body: Buffer.concat(chunks).toString('base64'),
        }));
      } else {
        response.writeHead(404, { 'content-type': 'text/plain' });
        response.end('no such path');
      }
    });
  });
  server.listen(0, '127.0.0.1', () => parentPort.postMessage(server.address().port));
}

/** Starts the server; resolves to `{ url, stop }`. */
export function startMockServer() {
  const worker = new Worker(new URL(import.meta.url));
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (port) => resolve({ url: `http://127.0.0.1:${port}`, stop: () => worker.terminate() }));
  });
}
