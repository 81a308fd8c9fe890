// initlab on a wide net, the same work as `peers/numpy_scaling.py 2,256,256,256,1 2000 20`: [2, 256, 256, 256, 1],
// 2,000 points, full batch, He, gradient descent, from numpy's very weights (numpy-start.mjs).
// Prints ms/iter (ITERS=N, default 20) and the cost after the timed iterations.
// Usage: node bench/wide.mjs [ts|wasm] [threads]   (threads > 1: the wide layers' products on that many cores)
import { getKernels, train } from '../dist/index.js';
import { createThreadedKernels } from '../dist/node/threaded-kernels.js';
import { numpyStart } from './numpy-start.mjs';

const { X, Y, net } = numpyStart([2, 256, 256, 256, 1], 2000);
const iters = Number(process.env.ITERS ?? 20);
const threads = Number(process.argv[3] ?? 1);
const kernels =
  threads > 1 ? createThreadedKernels(threads) : getKernels(process.argv[2] ?? 'wasm');
train(net(), { X, Y }, { learningRate: 0.01, iterations: 1, recordEvery: 1000, kernels }); // warm-up
const r = train(
  net(),
  { X, Y },
  { learningRate: 0.01, iterations: iters, recordEvery: 1_000_000, kernels },
);
console.log(`ms_per_iter: ${((r.seconds / iters) * 1000).toFixed(3)}`);
console.log(`final_cost: ${r.finalCost}`);
kernels.close?.();
