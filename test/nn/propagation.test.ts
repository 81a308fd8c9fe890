// The forward and backward passes: backpropagation against central differences.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activationFromName } from '../../src/nn/activations.js';
import { initializers } from '../../src/nn/initializers.js';
import { Matrix } from '../../src/linalg/matrix.js';
import { stableCrossEntropy } from '../../src/nn/loss.js';
import { defaultActivations, initializeNetwork, type Network } from '../../src/nn/network.js';
import { backward, forward } from '../../src/nn/propagation.js';
import { Workspace } from '../../src/nn/workspace.js';
import { RandomState } from '../../src/rng/random-state.js';

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
  let num2 = 0,
    den = 0;
  const params = net.W.flatMap(
    (w, l) =>
      [
        [w.data, ws.dW[l]],
        [net.b[l].data, ws.db[l]],
      ] as const,
  );
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
    fc.assert(
      fc.property(
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
          const net = initializeNetwork(dims, initializers.xavier, {
            rng: rs,
            activations: defaultActivations(dims, activationFromName(act)),
          });
          // random biases keep pre-activations off the kink of relu-like activations at exactly 0
          // (a dead unit feeding a zero bias would put the next layer right on it)
          for (const b of net.b) b.data.set(rs.normal(0, 0.5, b.data.length));
          expect(gradientCheckError(net, X, Y)).toBeLessThan(1e-5);
        },
      ),
      { numRuns: 60 },
    );
  });
});
