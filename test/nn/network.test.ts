// Building a network: the notebook's init cells, and what a network refuses.
import { describe, expect, it } from 'vitest';
import { activationFromName } from '../../src/nn/activations.js';
import { initializers } from '../../src/nn/initializers.js';
import { Matrix } from '../../src/linalg/matrix.js';
import { initializeNetwork, networkToDict } from '../../src/nn/network.js';
import { forward } from '../../src/nn/propagation.js';
import { Workspace } from '../../src/nn/workspace.js';
import { maxRelErr, ref } from '../helpers.js';

describe("the notebook's init cells", () => {
  it('zeros on [3, 2, 1]', () => {
    expect(networkToDict(initializeNetwork([3, 2, 1], initializers.zeros))).toEqual(
      ref.init_examples['zeros_[3,2,1]'],
    );
  });
  it('random ×10 on [3, 2, 1], seed 3', () => {
    const got = networkToDict(
      initializeNetwork([3, 2, 1], initializers.random, { seed: 3, scale: 10 }),
    );
    for (const [k, v] of Object.entries(ref.init_examples['random_[3,2,1]']))
      expect(maxRelErr(got[k], v), k).toBeLessThanOrEqual(1e-12);
  });
  it('he on [2, 4, 1], seed 3', () => {
    const got = networkToDict(initializeNetwork([2, 4, 1], initializers.he, { seed: 3 }));
    for (const [k, v] of Object.entries(ref.init_examples['he_[2,4,1]']))
      expect(maxRelErr(got[k], v), k).toBeLessThanOrEqual(1e-12);
  });
  it('xavier is randn × sqrt(1 / fan_in) from the same draws', () => {
    const he = initializeNetwork([4, 3, 1], initializers.he, { seed: 7 });
    const xa = initializeNetwork([4, 3, 1], initializers.xavier, { seed: 7 });
    he.W.forEach((w, l) =>
      w.data.forEach((x, i) => expect(xa.W[l].data[i]).toBeCloseTo(x / Math.sqrt(2), 14)),
    );
  });
  it('rejects an output layer that is not sigmoid, and inputs of the wrong width', () => {
    expect(() =>
      initializeNetwork([2, 3, 1], initializers.he, {
        activations: [activationFromName('relu'), activationFromName('tanh')],
      }),
    ).toThrow(/sigmoid/);
    const net = initializeNetwork([2, 3, 1], initializers.he);
    expect(() => forward(net, new Matrix(3, 4), new Workspace(net.dims, 4))).toThrow(
      /takes 2 features/,
    );
  });
});
