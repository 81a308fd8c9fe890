// GFLOP/s of each wide-layer kernel on its own, on the wide-net workload's shapes
// (256 × 256 weights, 2,000 examples). Usage: node bench/kernels.mjs [n k m] [reps]
import { getKernels } from '../dist/index.js';

const [n, k, m] = (process.argv[2] ?? '256,256,2000').split(',').map(Number);
const reps = Number(process.argv[3] ?? 20);
const kern = getKernels('wasm');
const alloc = kern.arena(n * k + n + k * m + 3 * n * m + k * m + n * k + n);
const fill = (a) => {
  for (let i = 0; i < a.length; i++) a[i] = Math.sin(i * 0.37);
  return a;
};
const W = fill(alloc(n * k)),
  b = fill(alloc(n)),
  A = fill(alloc(k * m)),
  Z = alloc(n * m),
  dZ = fill(alloc(n * m)),
  dA = alloc(k * m),
  dW = alloc(n * k),
  db = alloc(n);
function time(name, f) {
  f();
  const t = process.hrtime.bigint();
  for (let r = 0; r < reps; r++) f();
  const s = Number(process.hrtime.bigint() - t) / 1e9 / reps;
  console.log(
    `${name.padEnd(16)} ${(s * 1000).toFixed(2)} ms  ${((2 * n * k * m) / s / 1e9).toFixed(1)} GFLOP/s`,
  );
}
time('linearForward', () => kern.linearForward(W, b, A, n, k, m, Z));
time('backwardLinear', () => kern.backwardLinear(W, dZ, n, k, m, dA));
time('weightGradients', () => kern.weightGradients(dZ, A, n, k, m, dW, db));
