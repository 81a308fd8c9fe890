// initlab on the peers' workload: the same data and initial weights (peers/data/seed.json),
// printed in the peers' format. Usage: node bench/initlab_loop.mjs [ts|wasm]  (ITERS=N)
// COST_EVERY_ITERATION=1: the cost on every iteration too (kept in the run's trace), the
// peers' own practice, for the "same work" comparison; by default only where it is printed.
import { readFileSync } from 'node:fs';
import {
  Matrix,
  getKernels,
  initializeNetwork,
  initializers,
  train,
  accuracy,
  pyFloat,
} from '../dist/index.js';

const d = JSON.parse(readFileSync(new URL('./peers/data/seed.json', import.meta.url), 'utf8'));
const M = (k) => new Matrix(d[k].shape[0], d[k].shape[1], Float64Array.from(d[k].data));
const kernels = getKernels(process.argv[2] ?? 'wasm');
const net = initializeNetwork(d.layers, initializers.zeros);
net.W.forEach((w, l) => w.data.set(M(`W${l + 1}`).data));
net.b.forEach((b, l) => b.data.set(M(`b${l + 1}`).data));
const iters = Number(process.env.ITERS ?? d.num_iterations);
const data = { X: M('X'), Y: M('Y') };
// the heap at each record after the first: flat when nothing is allocated per iteration
const heap = [];
const r = train(net, data, {
  learningRate: d.learning_rate,
  iterations: iters,
  recordEvery: d.print_every,
  ...(process.env.COST_EVERY_ITERATION ? { traceEvery: 1 } : {}),
  naiveLoss: true,
  kernels,
  onRecord: (p) => {
    if (p.iteration > 0) {
      globalThis.gc?.();
      heap.push(process.memoryUsage().heapUsed);
    }
  },
});
for (const c of r.costs)
  console.log(`Cost after iteration ${c.iteration}: ${pyFloat(c.naiveCost)}`);
console.log(`train accuracy: ${accuracy(net, data)}`);
console.log(`test accuracy: ${accuracy(net, { X: M('test_X'), Y: M('test_Y') })}`);
if (heap.length > 1)
  console.log(
    `heap_growth_kb: ${((heap.at(-1) - heap[0]) / 1024).toFixed(1)} (over ${heap.length} records)`,
  );
console.log(
  `train_loop_seconds: ${r.seconds.toFixed(6)} (${((r.seconds / iters) * 1e6).toFixed(3)} us/iter)`,
);
