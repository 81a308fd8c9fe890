// Line-end labels: dodged apart by at least the gap, moved as little as possible.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dodgePositions } from '../src/plot/dodge.js';

const gapsOf = (ys: number[]) =>
  [...ys]
    .sort((a, b) => a - b)
    .slice(1)
    .map((y, i, rest) => y - (i === 0 ? Math.min(...ys) : rest[i - 1]));

describe('dodgePositions', () => {
  it('spreads coinciding labels symmetrically around their value', () => {
    expect(dodgePositions([100, 100, 100], 14)).toEqual([86, 100, 114]);
    expect(dodgePositions([100, 100], 10)).toEqual([95, 105]);
  });

  it('leaves labels that are far enough apart where they are', () => {
    expect(dodgePositions([10, 50, 30], 14)).toEqual([10, 50, 30]);
  });

  it('keeps the order of the values and stays inside the bounds when they fit', () => {
    expect(dodgePositions([298, 299, 300], 10, [0, 300])).toEqual([280, 290, 300]);
    expect(dodgePositions([5, 1], 10, [0, 300])).toEqual([10, 0]);
  });

  it('any labels: at least `gap` apart, order kept, within bounds when they fit', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 400, noNaN: true }), { minLength: 1, maxLength: 25 }),
        fc.double({ min: 1, max: 20, noNaN: true }),
        (ys, gap) => {
          const out = dodgePositions(ys, gap, [0, 400]);
          for (const g of gapsOf(out)) expect(g).toBeGreaterThanOrEqual(gap - 1e-6);
          const byValue = ys.map((_, i) => i).sort((a, b) => ys[a] - ys[b] || a - b);
          for (let k = 1; k < byValue.length; k++)
            expect(out[byValue[k]]).toBeGreaterThan(out[byValue[k - 1]]);
          if ((ys.length - 1) * gap <= 400)
            for (const y of out) {
              expect(y).toBeGreaterThanOrEqual(-1e-6);
              expect(y).toBeLessThanOrEqual(400 + 1e-6);
            }
        },
      ),
    );
  });
});
