// initlab on a wide net, the same work as `peers/numpy_scaling.py 2,256,256,256,1 2000 20`: [2, 256, 256, 256, 1],
// 2,000 points, full batch, He, gradient descent. Prints ms/iter (ITERS=N, default 20).
// Usage: node bench/wide.mjs [ts|wasm] [threads]   (threads > 1: the wide layers' products on that many cores)
import { Matrix, getKernels, initializeNetwork, initializers, train, RandomState } from '../dist/index.js';
import { createThreadedKernels } from '../dist/node/threaded-kernels.js';

const m = 2000;
const dims = [2, 256, 256, 256, 1];
const rs = new RandomState(0);
const X = new Matrix(2, m, rs.randn(2 * m));
const Y = new Matrix(1, m, Float64Array.from(rs.randomSample(m), (u) => (u > 0.5 ? 1 : 0)));
const iters = Number(process.env.ITERS ?? 20);
const threads = Number(process.argv[3] ?? 1);
const kernels = threads > 1 ? createThreadedKernels(threads) : getKernels(process.argv[2] ?? 'wasm');
train(initializeNetwork(dims, initializers.he, { seed: 1 }), { X, Y }, { learningRate: 0.01, iterations: 1, recordEvery: 1000, kernels }); // warm-up
const r = train(initializeNetwork(dims, initializers.he, { seed: 1 }), { X, Y }, { learningRate: 0.01, iterations: iters, recordEvery: 1_000_000, kernels });
console.log(`ms_per_iter: ${((r.seconds / iters) * 1000).toFixed(3)}`);
console.log(`final_cost: ${r.costs.at(-1).cost}`);
kernels.close?.();
