// The cross-entropy, stable (from the logits) and naive (the notebook's formula).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sigmoid } from '../../src/nn/activations.js';
import { naiveCrossEntropy, softplus, stableCrossEntropy } from '../../src/nn/loss.js';

describe('loss', () => {
  it('stable and naive cross-entropy agree where the naive one is finite', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: -15, max: 15, noNaN: true }), fc.constantFrom(0, 1)), {
          minLength: 1,
          maxLength: 50,
        }),
        (pairs) => {
          const z = Float64Array.from(pairs.map((p) => p[0]));
          const y = Float64Array.from(pairs.map((p) => p[1]));
          const a = new Float64Array(z.length);
          sigmoid.forward(z, a, z.length);
          const s = stableCrossEntropy(z, y, z.length);
          const n = naiveCrossEntropy(a, y, z.length);
          expect(Math.abs(s - n)).toBeLessThanOrEqual(1e-6 * Math.max(1, s));
        },
      ),
    );
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
    for (const z of [-5, -1, 0, 0.5, 2, 10])
      expect(softplus(z)).toBeCloseTo(Math.log(1 + Math.exp(z)), 14);
    expect(softplus(1000)).toBe(1000);
  });
});
