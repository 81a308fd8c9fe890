import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activations, activationFromName, type Activation, sigmoid } from '../src/nn/activations.js';
import { initializers, resolveInitializer } from '../src/nn/initializers.js';
import { Matrix } from '../src/linalg/matrix.js';
import { stableCrossEntropy, naiveCrossEntropy, softplus } from '../src/nn/loss.js';
import { defaultActivations, initializeNetwork, networkToDict, type Network } from '../src/nn/network.js';
import { backward, forward } from '../src/nn/propagation.js';
import { Workspace } from '../src/nn/workspace.js';
import { RandomState } from '../src/rng/random-state.js';
import { UsageError } from '../src/errors.js';
import { maxRelErr, ref } from './helpers.js';

describe("the notebook's init cells", () => {
  it('zeros on [3, 2, 1]', () => {
    expect(networkToDict(initializeNetwork([3, 2, 1], initializers.zeros))).toEqual(ref.init_examples['zeros_[3,2,1]']);
  });
  it('random ×10 on [3, 2, 1], seed 3', () => {
    const got = networkToDict(initializeNetwork([3, 2, 1], initializers.random, { seed: 3, scale: 10 }));
    for (const [k, v] of Object.entries(ref.init_examples['random_[3,2,1]'])) expect(maxRelErr(got[k], v), k).toBeLessThanOrEqual(1e-12);
  });
  it('he on [2, 4, 1], seed 3', () => {
    const got = networkToDict(initializeNetwork([2, 4, 1], initializers.he, { seed: 3 }));
    for (const [k, v] of Object.entries(ref.init_examples['he_[2,4,1]'])) expect(maxRelErr(got[k], v), k).toBeLessThanOrEqual(1e-12);
  });
  it('xavier is randn × sqrt(1 / fan_in) from the same draws', () => {
    const he = initializeNetwork([4, 3, 1], initializers.he, { seed: 7 });
    const xa = initializeNetwork([4, 3, 1], initializers.xavier, { seed: 7 });
    he.W.forEach((w, l) => w.data.forEach((x, i) => expect(xa.W[l].data[i]).toBeCloseTo(x / Math.sqrt(2), 14)));
  });
  it('initializer specs: scale option and clear errors', () => {
    expect(resolveInitializer('random:scale=0.5').opts.scale).toBe(0.5);
    expect(() => resolveInitializer('glorot')).toThrow(/unknown initialization "glorot"; accepted: zeros, .*glorot-normal/);
    expect(() => resolveInitializer('he:scale=2')).toThrow(UsageError);
    expect(() => resolveInitializer('random:scale=abc')).toThrow(/finite number/);
  });
});

describe('loss', () => {
  it('stable and naive cross-entropy agree where the naive one is finite', () => {
    fc.assert(fc.property(fc.array(fc.tuple(fc.double({ min: -15, max: 15, noNaN: true }), fc.constantFrom(0, 1)), { minLength: 1, maxLength: 50 }), (pairs) => {
      const z = Float64Array.from(pairs.map((p) => p[0]));
      const y = Float64Array.from(pairs.map((p) => p[1]));
      const a = new Float64Array(z.length);
      sigmoid.forward(z, a, z.length);
      const s = stableCrossEntropy(z, y, z.length);
      const n = naiveCrossEntropy(a, y, z.length);
      expect(Math.abs(s - n)).toBeLessThanOrEqual(1e-6 * Math.max(1, s));
    }));
  });
  it('the naive formula overflows to inf on a saturated wrong prediction; the stable one stays finite', () => {
    const z = Float64Array.of(-800, 3);
    const y = Float64Array.of(1, 1);
    const a = new Float64Array(2);
    sigmoid.forward(z, a, 2);
    expect(naiveCrossEntropy(a, y, 2)).toBe(Infinity);
    expect(stableCrossEntropy(z, y, 2)).toBeCloseTo((800 + softplus(-3)) / 2, 10);
  });
  it('softplus matches log(1 + e^z) where that is accurate', () => {
    for (const z of [-5, -1, 0, 0.5, 2, 10]) expect(softplus(z)).toBeCloseTo(Math.log(1 + Math.exp(z)), 14);
    expect(softplus(1000)).toBe(1000);
  });
});

/** The cross-entropy of `net` on (X, Y), for finite differences. */
function costOf(net: Network, X: Matrix, Y: Matrix): number {
  const ws = new Workspace(net.dims, X.cols);
  forward(net, X, ws);
  return stableCrossEntropy(ws.logits, Y.data, X.cols);
}

/** Max relative difference between backprop's gradients and central differences (the course's gradient check). */
function gradientCheckError(net: Network, X: Matrix, Y: Matrix, eps = 1e-6): number {
  const ws = new Workspace(net.dims, X.cols);
  forward(net, X, ws);
  backward(net, X, Y, ws);
  let num2 = 0, den = 0;
  const params = net.W.flatMap((w, l) => [[w.data, ws.dW[l]], [net.b[l].data, ws.db[l]]] as const);
  for (const [P, G] of params) {
    for (let i = 0; i < P.length; i++) {
      const keep = P[i];
      P[i] = keep + eps;
      const plus = costOf(net, X, Y);
      P[i] = keep - eps;
      const minus = costOf(net, X, Y);
      P[i] = keep;
      const approx = (plus - minus) / (2 * eps);
      num2 += (approx - G[i]) ** 2;
      den += approx ** 2 + G[i] ** 2;
    }
  }
  return Math.sqrt(num2) / Math.sqrt(den) || 0;
}

describe('backward pass', () => {
  it("matches finite differences on the notebook's network", () => {
    const X = new Matrix(2, 30, new RandomState(0).randn(60));
    const Y = new Matrix(1, 30, Float64Array.from(new RandomState(1).randint(0, 2, 30)));
    const net = initializeNetwork([2, 10, 5, 1], initializers.he, { seed: 3 });
    expect(gradientCheckError(net, X, Y)).toBeLessThan(1e-7);
  });

  it('matches finite differences for random shapes, activations and seeds', () => {
    const smooth = ['tanh', 'sigmoid', 'linear', 'selu', 'elu', 'relu', 'leaky-relu'];
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 1, max: 6 }), { minLength: 1, maxLength: 3 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 2, max: 12 }),
      fc.constantFrom(...smooth),
      fc.integer({ min: 0, max: 2 ** 32 - 1 }),
      (hidden, nx, m, act, seed) => {
        const dims = [nx, ...hidden, 1];
        const rs = new RandomState(seed);
        const X = new Matrix(nx, m, rs.randn(nx * m));
        const Y = new Matrix(1, m, Float64Array.from(rs.randint(0, 2, m)));
        const net = initializeNetwork(dims, initializers.xavier, { rng: rs, activations: defaultActivations(dims, activationFromName(act)) });
        // random biases keep pre-activations off the kink of relu-like activations at exactly 0
        // (a dead unit feeding a zero bias would put the next layer right on it)
        for (const b of net.b) b.data.set(rs.normal(0, 0.5, b.data.length));
        expect(gradientCheckError(net, X, Y)).toBeLessThan(1e-5);
      },
    ), { numRuns: 60 });
  });

  it('the registry lists each activation, and every one maps 0-size input without error', () => {
    for (const name of Object.keys(activations)) {
      const a: Activation = activationFromName(name);
      a.forward(new Float64Array(0), new Float64Array(0), 0);
    }
    expect(() => activationFromName('swish')).toThrow(/unknown activation "swish"/);
  });

  it('rejects an output layer that is not sigmoid, and inputs of the wrong width', () => {
    expect(() => initializeNetwork([2, 3, 1], initializers.he, { activations: [activationFromName('relu'), activationFromName('tanh')] })).toThrow(/sigmoid/);
    const net = initializeNetwork([2, 3, 1], initializers.he);
    expect(() => forward(net, new Matrix(3, 4), new Workspace(net.dims, 4))).toThrow(/takes 2 features/);
  });
});
