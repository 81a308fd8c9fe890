// The gradient check catches a broken backward pass, from the library and the command line.
import { describe, expect, it } from 'vitest';
import { datasetFromSpec } from '../../src/data/registry.js';
import { initializers } from '../../src/nn/initializers.js';
import { initializeNetwork } from '../../src/nn/network.js';
import { gradientCheck } from '../../src/train/gradient-check.js';
import { cli } from '../helpers.js';

describe('gradient check', () => {
  it('backprop agrees with finite differences; a broken gradient does not', () => {
    const data = datasetFromSpec('circles:n=40');
    const net = initializeNetwork([2, 5, 3, 1], initializers.he, { seed: 1 });
    expect(gradientCheck(net, data)).toBeLessThan(1e-7);
    const json = JSON.parse(cli(['gradcheck', '--json']).stdout);
    expect(json.difference).toBeLessThan(1e-6);
    // a check that cannot fail is no check: nudge one weight's effect by hand
    const broken = {
      ...net,
      activations: net.activations.map((a, l) =>
        l === 0
          ? {
              ...a,
              backward: (
                dA: Float64Array,
                z: Float64Array,
                A: Float64Array,
                dZ: Float64Array,
                n: number,
              ) => {
                a.backward(dA, z, A, dZ, n);
                dZ[0] *= 3;
              },
            }
          : a,
      ),
    };
    expect(gradientCheck(broken, data)).toBeGreaterThan(1e-4);
  });
});
