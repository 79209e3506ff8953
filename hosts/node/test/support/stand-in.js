// Starts the workspace's Pinterest stand-in (`pinterest-connector stand-in`,
// see docs/stand-in.md) as a child process on a free port, reads its URLs
// and app credentials, and records the requests it reports answering.

import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const workspace = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
const binary = process.env.PINTEREST_CONNECTOR_CLI
  ?? join(workspace, 'target/debug/pinterest-connector');

const FIELDS = {
  'production API': 'api',
  'sandbox API': 'sandboxApi',
  'consent page': 'consentPage',
  'app id': 'clientId',
  'app secret': 'clientSecret',
};

/** Starts a stand-in; `args` are extra `stand-in` options. */
export async function startStandIn(args = []) {
  if (!existsSync(binary)) {
    throw new Error(`${binary} is missing: run cargo build -p host-tests --bin pinterest-connector first.`);
  }
  const child = spawn(binary, ['stand-in', '--port', '0', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
  const standIn = { child, requests: [], stop: () => child.kill() };
  let buffer = '';
  await new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => reject(new Error(`the stand-in exited with ${code}`)));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      buffer += chunk;
      let newline;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, newline).trim();
        buffer = buffer.slice(newline + 1);
        const field = /^([a-zA-Z ]+):\s+(\S+)/.exec(line);
        if (field && FIELDS[field[1]]) standIn[FIELDS[field[1]]] = field[2];
        const request = /^(GET|POST|PUT|PATCH|DELETE) (\S+) → (\d+)$/.exec(line);
        if (request) standIn.requests.push({ method: request[1], target: request[2], status: Number(request[3]) });
        if (line.startsWith('Serving until Ctrl-C')) resolve();
      }
    });
  });
  return standIn;
}

/** Waits until the stand-in has reported a request matching `predicate`. */
export async function requestReported(standIn, predicate) {
  for (let i = 0; i < 100; i++) {
    if (standIn.requests.some(predicate)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

/** The requests reported once the stand-in has printed nothing new for half a second. */
export async function settledRequests(standIn) {
  let count = -1;
  while (count !== standIn.requests.length) {
    count = standIn.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return standIn.requests;
}
