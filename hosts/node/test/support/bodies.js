// The big bodies of the memory tests, served from the test's own thread
// (the host under test runs in a child process, see rss-probe.mjs):
//
//   /big          200 MB, its length announced
//   /big-chunked  200 MB, chunked
//   /upload       a 256 MiB multipart upload, checked byte for byte as it
//                 arrives; answers what it found as JSON
//   anything else a small answer

import { randomBytes } from 'node:crypto';
import { openSync, writeSync, closeSync } from 'node:fs';
import http from 'node:http';

export const MIB = 1024 * 1024;
export const BIG_RESPONSE = 200_000_000;
export const BLOCK = 64 * 1024;
export const BLOCKS = 4096;
export const BOUNDARY = '----node-host-7d1e';
export const HEAD = `--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="clip.mp4"\r\ncontent-type: video/mp4\r\n\r\n`;
export const TAIL = `\r\n--${BOUNDARY}--\r\n`;

const template = randomBytes(BLOCK);

/** Block `index` of the upload: its index (8 bytes), then the template's rest. */
export function block(index) {
  const out = Buffer.from(template);
  out.writeBigUInt64LE(BigInt(index), 0);
  return out;
}

/** Writes the 256 MiB file to `path`. */
export function writeUpload(path) {
  const fd = openSync(path, 'w');
  for (let i = 0; i < BLOCKS; i++) writeSync(fd, block(i));
  closeSync(fd);
}

/** What /upload answers for the upload as it should be. */
export const uploadAsSent = () => ({
  head: true, blocks: true, tail: true, extra: 0,
  contentLength: String(Buffer.byteLength(HEAD) + BLOCK * BLOCKS + Buffer.byteLength(TAIL)),
  chunked: null,
});

/** Checks a request body as it arrives against HEAD, the blocks and TAIL. */
async function check(request) {
  const expected = [Buffer.from(HEAD), ...Array.from({ length: BLOCKS }, (_, i) => i), Buffer.from(TAIL)];
  let pending = Buffer.alloc(0);
  let index = 0;
  const verdict = { head: false, blocks: true, tail: false, extra: 0 };
  for await (const chunk of request) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (index < expected.length) {
      const want = typeof expected[index] === 'number' ? block(expected[index]) : expected[index];
      if (pending.length < want.length) break;
      const same = pending.subarray(0, want.length).equals(want);
      if (index === 0) verdict.head = same;
      else if (index === expected.length - 1) verdict.tail = same;
      else if (!same) verdict.blocks = false;
      pending = pending.subarray(want.length);
      index++;
    }
    if (index === expected.length) verdict.extra += pending.length, pending = Buffer.alloc(0);
  }
  if (index < expected.length) verdict.blocks = false;
  return verdict;
}

function bigResponse(response, announced) {
  response.writeHead(200, announced ? { 'content-length': String(BIG_RESPONSE) } : {});
  const chunk = Buffer.alloc(MIB, 'x');
  let sent = 0;
  const pump = () => {
    while (sent < BIG_RESPONSE) {
      sent += chunk.length;
      if (!response.write(chunk)) return void response.once('drain', pump);
    }
    response.end();
  };
  response.on('error', () => {});
  response.socket.on('error', () => {});
  pump();
}

/** Starts the server; resolves to `{ url, stop }`. */
export function startBodyServer() {
  const server = http.createServer(async (request, response) => {
    if (request.url === '/upload') {
      const verdict = await check(request);
      verdict.contentLength = request.headers['content-length'] ?? null;
      verdict.chunked = request.headers['transfer-encoding'] ?? null;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(verdict));
    } else if (request.url === '/big' || request.url === '/big-chunked') {
      bigResponse(response, request.url === '/big');
    } else {
      request.resume();
      response.end('small');
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve({
      url: `http://127.0.0.1:${server.address().port}`,
      stop: () => { server.closeAllConnections(); server.close(); },
    }));
  });
}
