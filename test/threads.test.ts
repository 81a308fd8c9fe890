// The threaded kernels (wide layers on several cores) give exactly the single-threaded numbers.
// They start worker threads from the built files, so this suite imports them from dist/
// (npm test builds first).
import { spawnSync } from 'node:child_process';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createThreadedKernels } from '../dist/node/threaded-kernels.js';
import { getKernels } from '../src/nn/backends.js';
import type { Kernels } from '../src/nn/kernels.js';
import { initializers } from '../src/nn/initializers.js';
import { Matrix } from '../src/linalg/matrix.js';
import { initializeNetwork, networkToDict } from '../src/nn/network.js';
import { RandomState } from '../src/rng/random-state.js';
import { train } from '../src/train/train.js';
import { cli } from './helpers.js';

const single = getKernels('wasm');

/** The three products on `k` with the same random inputs. */
function products(kern: Kernels, n: number, k: number, m: number, seed: number): number[][] {
  const alloc = kern.arena(n * k + n + k * m + n * m + n * m + k * m + n * k + n);
  const rs = new RandomState(seed);
  const rand = (len: number) => {
    const a = alloc(len);
    a.set(rs.randn(len));
    return a;
  };
  const W = rand(n * k),
    b = rand(n),
    A = rand(k * m),
    dZ = rand(n * m);
  const Z = alloc(n * m),
    dA = alloc(k * m),
    dW = alloc(n * k),
    db = alloc(n);
  kern.linearForward(W, b, A, n, k, m, Z);
  kern.backwardLinear(W, dZ, n, k, m, dA);
  kern.weightGradients(dZ, A, n, k, m, dW, db);
  return [Z, dA, dW, db].map((x) => Array.from(x));
}

describe('threaded kernels', () => {
  it('every product is bit-identical to one thread, for any shape and thread count', () => {
    const kernels = [2, 3].map((t) => createThreadedKernels(t, { minWork: 0 }));
    try {
      fc.assert(
        fc.property(
          fc.integer({ min: 1, max: 40 }),
          fc.integer({ min: 1, max: 40 }),
          fc.integer({ min: 1, max: 300 }),
          fc.integer({ min: 0, max: 2 ** 32 - 1 }),
          fc.integer({ min: 0, max: 1 }),
          (n, k, m, seed, which) => {
            expect(products(kernels[which], n, k, m, seed)).toEqual(
              products(single, n, k, m, seed),
            );
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      kernels.forEach((k) => k.close());
    }
  });

  it('a wide training run gives the same costs and weights, bit for bit', () => {
    const rs = new RandomState(7);
    const m = 500;
    const X = new Matrix(2, m, rs.randn(2 * m));
    const Y = new Matrix(1, m, Float64Array.from(rs.randint(0, 2, m)));
    const threaded = createThreadedKernels(2, { minWork: 0 });
    try {
      const [a, b] = [single, threaded].map((kernels) => {
        const net = initializeNetwork([2, 48, 48, 1], initializers.he, { seed: 1 });
        const r = train(
          net,
          { X, Y },
          { learningRate: 0.05, iterations: 30, recordEvery: 5, kernels },
        );
        return { costs: r.costs.map((c) => c.cost), params: networkToDict(net) };
      });
      expect(b).toEqual(a);
    } finally {
      threaded.close();
    }
  });

  it('refuses arrays from outside its arenas and nonsense thread counts', () => {
    const threaded = createThreadedKernels(2, { minWork: 0 });
    const stray = new Float64Array(8);
    expect(() => threaded.linearForward(stray, stray, stray, 2, 2, 2, stray)).toThrow(
      /outside their arenas/,
    );
    threaded.close();
    expect(() => createThreadedKernels(0)).toThrow(/whole number/);
  });

  it('a process that never closes them still exits (imported as the package exports them)', () => {
    const script = `import { createThreadedKernels } from 'initlab/threads';
const k = createThreadedKernels(2, { minWork: 0 }); const a = k.arena(64);
const W = a(16), b = a(4), A = a(16), Z = a(16); W.fill(1); A.fill(2);
k.linearForward(W, b, A, 4, 4, 4, Z); console.log(Z[0]);`;
    const r = spawnSync('node', ['--input-type=module', '-e', script], {
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(r.status).toBe(0);
    expect(r.stdout.trim()).toBe('8');
  });

  it('the command line gives the same run with one thread or two', () => {
    const args = [
      'train',
      '--layers',
      '2,64,64,1',
      '--train',
      'circles:n=600',
      '--iterations',
      '60',
      '--print-every',
      '20',
      '--no-report',
      '--json',
    ];
    const one = JSON.parse(cli([...args, '--threads', '1']).stdout);
    const two = JSON.parse(cli([...args, '--threads', '2']).stdout);
    expect(one.threads).toBe(1);
    expect(two.threads).toBe(2);
    expect(two.runs).toEqual(
      one.runs.map((r: { seconds: number }, i: number) => ({ ...r, seconds: two.runs[i].seconds })),
    );
    const bad = cli([...args, '--threads', '0']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--threads must be an integer from 1 to 256, got "0"/);
  });
});
