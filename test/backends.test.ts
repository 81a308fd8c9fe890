// The wasm SIMD kernels against the TypeScript reference, kernel by kernel and run by run.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activationFromName } from '../src/nn/activations.js';
import { getKernels } from '../src/nn/backends.js';
import { initializers } from '../src/nn/initializers.js';
import { tsKernels, type Kernels } from '../src/nn/kernels.js';
import { Matrix } from '../src/linalg/matrix.js';
import { defaultActivations, initializeNetwork, networkToDict } from '../src/nn/network.js';
import { RandomState } from '../src/rng/random-state.js';
import { train } from '../src/train/train.js';
import { maxRelErr } from './helpers.js';

const wasm = getKernels('wasm');

/** Runs one kernel on both backends with the same random inputs; returns both outputs. */
function both(
  sizes: number[],
  outSizes: number[],
  seed: number,
  call: (k: Kernels, ins: Float64Array[], outs: Float64Array[]) => void,
) {
  const results = [tsKernels, wasm].map((k) => {
    const alloc = k.arena(sizes.reduce((a, b) => a + b, 0) + outSizes.reduce((a, b) => a + b, 0));
    const rs = new RandomState(seed);
    const ins = sizes.map((n) => {
      const a = alloc(n);
      a.set(rs.randn(n));
      return a;
    });
    const outs = outSizes.map((n) => alloc(n));
    call(k, ins, outs);
    return outs.map((o) => Array.from(o));
  });
  return results;
}

// sizes on both sides of 16, where the wide-layer (four rows at a time) kernels take over
const shape = fc.record({
  n: fc.integer({ min: 1, max: 40 }),
  k: fc.integer({ min: 1, max: 40 }),
  m: fc.integer({ min: 1, max: 41 }),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
});
// wide layers over several panels of examples (the cache-blocked kernels walk 96 or 128 at a time)
const wideShape = fc.record({
  n: fc.integer({ min: 14, max: 37 }),
  k: fc.integer({ min: 14, max: 37 }),
  m: fc.integer({ min: 90, max: 400 }),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
});
// sums longer than one pass (128 terms) of the blocked kernels
const deepShape = fc.record({
  n: fc.integer({ min: 100, max: 300 }),
  k: fc.integer({ min: 100, max: 300 }),
  m: fc.integer({ min: 20, max: 130 }),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
});

describe('wasm kernels agree with the TypeScript reference', () => {
  it('backend names', () => {
    expect(wasm.name).toBe('wasm');
    expect(getKernels('ts')).toBe(tsKernels);
    expect(() => getKernels('gpu' as never)).toThrow(/unknown backend "gpu"/);
  });
  for (const [label, shapes, numRuns] of [
    ['', shape, 200],
    [' on wide layers', wideShape, 25],
    [' on long sums', deepShape, 8],
  ] as const) {
    it(`linearForward is bit-identical${label}`, () => {
      fc.assert(
        fc.property(shapes, ({ n, k, m, seed }) => {
          const [a, b] = both([n * k, n, k * m], [n * m], seed, (K, [W, bb, A], [Z]) =>
            K.linearForward(W, bb, A, n, k, m, Z),
          );
          expect(b).toEqual(a);
        }),
        { numRuns },
      );
    });
    it(`backwardLinear is bit-identical${label}`, () => {
      fc.assert(
        fc.property(shapes, ({ n, k, m, seed }) => {
          const [a, b] = both([n * k, n * m], [k * m], seed, (K, [W, dZ], [dA]) =>
            K.backwardLinear(W, dZ, n, k, m, dA),
          );
          expect(b).toEqual(a);
        }),
        { numRuns },
      );
    });
    it(`weightGradients agree to 1e-12${label} (sums over examples in another order)`, () => {
      fc.assert(
        fc.property(shapes, ({ n, k, m, seed }) => {
          const [a, b] = both([n * m, k * m], [n * k, n], seed, (K, [dZ, A], [dW, db]) =>
            K.weightGradients(dZ, A, n, k, m, dW, db),
          );
          // the bias gradients are numpy's pairwise sums on both: bit-identical
          expect(b[1]).toEqual(a[1]);
          // relative to the sum of magnitudes: cancellation makes single sums arbitrarily small
          const scale = Math.sqrt(m) * 10;
          a.forEach((arr, o) =>
            arr.forEach((x, i) => expect(Math.abs(x - b[o][i])).toBeLessThanOrEqual(1e-12 * scale)),
          );
        }),
        { numRuns },
      );
    });
  }
  it('update, outputGradient and relu are bit-identical', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (len, seed) => {
          const [a, b] = both(
            [len, len, len],
            [len, len, len, len],
            seed,
            (K, [P, G, Z], [outGrad, A, dZ, P2]) => {
              P2.set(P);
              K.update(P2, G, 0.37, len);
              K.outputGradient(P, G, len, outGrad);
              K.activate(activationFromName('relu'), Z, A, len);
              K.activateBackward(activationFromName('relu'), G, Z, A, dZ, len);
            },
          );
          expect(b).toEqual(a);
        },
      ),
      { numRuns: 200 },
    );
  });
  it('whole training runs agree to 1e-12 for random depths, activations and sizes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom('relu', 'tanh', 'leaky-relu', 'sigmoid'),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        (hidden, m, act, seed) => {
          const dims = [2, ...hidden, 1];
          const rs = new RandomState(seed);
          const X = new Matrix(2, m, rs.randn(2 * m));
          const Y = new Matrix(1, m, Float64Array.from(rs.randint(0, 2, m)));
          const [a, b] = [tsKernels, wasm].map((kernels) => {
            const net = initializeNetwork(dims, initializers.he, {
              seed,
              activations: defaultActivations(dims, activationFromName(act)),
            });
            const r = train(
              net,
              { X, Y },
              { learningRate: 0.05, iterations: 50, recordEvery: 10, kernels },
            );
            return { costs: r.costs.map((c) => c.cost), params: networkToDict(net) };
          });
          expect(maxRelErr(b.costs, a.costs)).toBeLessThanOrEqual(1e-12);
          for (const key of Object.keys(a.params)) {
            const scale = Math.max(1, ...a.params[key].flat().map(Math.abs));
            a.params[key]
              .flat()
              .forEach((x, i) =>
                expect(Math.abs(x - b.params[key].flat()[i])).toBeLessThanOrEqual(1e-12 * scale),
              );
          }
        },
      ),
      { numRuns: 40 },
    );
  });
  it("arenas are independent: a second arena leaves the first one's arrays intact", () => {
    const first = wasm.arena(4)(4);
    first.set([1, 2, 3, 4]);
    const second = wasm.arena(1 << 20)(1 << 20);
    second.fill(9);
    expect(Array.from(first)).toEqual([1, 2, 3, 4]);
  });
});
