// Times this host against the loopback mock of `./build.sh bench` (which runs
// it through `npm run bench:e2e`, after transpiling the component):
//
//   node scripts/bench-e2e.mjs BASE_URL OPERATION BOARDS BATCHES PER_BATCH
//
// OPERATION is `list-boards` (a page of BOARDS boards) or `create-pin` (an
// image-URL pin). After a warm-up it runs BATCHES batches of PER_BATCH
// operations through `call`, as an application would, and prints
// {"per_op_seconds": [...]}, one time per batch, like bench/python/sdk_e2e.py.

import { call } from '../lib/connector.js';

const WARMUP = 20;

const [baseUrl, operation, boards, batches, perBatch] = process.argv.slice(2);
const config = {
  'client-id': '1484362',
  'client-secret': 'bench-secret-4c1e8f27b9d0a6e3',
  environment: 'production',
  'api-base-url': baseUrl,
};
const token = 'pina_BENCHTOKEN';

const operations = {
  'list-boards': () => {
    const page = call('list-boards', {
      config,
      'access-token': token,
      query: { 'page-size': Number(boards) },
    });
    if (page.items.length !== Number(boards)) throw new Error(`${page.items.length} boards`);
  },
  'create-pin': () => {
    const pin = call('create-pin', {
      config,
      'access-token': token,
      pin: {
        'board-id': '549755885175',
        media: { tag: 'image-url', val: 'https://i.pinimg.com/originals/bench.jpg' },
        title: 'Lemon tart',
        description: 'Bright, sharp and buttery.',
        link: 'https://example.com/recipes/lemon-tart',
        'alt-text': 'A lemon tart on a blue plate',
      },
    });
    if (!pin.id) throw new Error('no pin id');
  },
};

const run = operations[operation];
if (!run) {
  console.error(`unknown operation ${operation}`);
  process.exit(2);
}
for (let i = 0; i < WARMUP; i++) run();
const seconds = [];
for (let b = 0; b < Number(batches); b++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < Number(perBatch); i++) run();
  seconds.push(Number(process.hrtime.bigint() - start) / 1e9 / Number(perBatch));
}
console.log(JSON.stringify({ per_op_seconds: seconds }));
// The http bridge's worker thread would keep the process alive.
process.exit(0);
