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
//   POST …/v5/media
//               registers media as Pinterest does (201, `media_id` 42),
//               naming the `uploadUrl` the server was started with; below
//               /padded/, the answer is padded past 64 KiB

import http from 'node:http';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';

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
      } else if (request.method === 'POST' && path.endsWith('/v5/media')) {
        const answer = {
          media_id: '42',
          media_type: 'video',
          upload_url: workerData.uploadUrl,
          upload_parameters: { key: 'uploads/42' },
        };
        if (path.startsWith('/padded/')) answer.note = 'x'.repeat(70 * 1024);
        response.writeHead(201, { 'content-type': 'application/json' });
        response.end(JSON.stringify(answer));
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

/** Starts the server; resolves to `{ url, stop }`. `uploadUrl` is what registering media answers. */
export function startMockServer({ uploadUrl = 'http://127.0.0.1:9/' } = {}) {
  const worker = new Worker(new URL(import.meta.url), { workerData: { uploadUrl } });
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (port) => resolve({ url: `http://127.0.0.1:${port}`, stop: () => worker.terminate() }));
  });
}
