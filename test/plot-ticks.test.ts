// Tick text: plain numbers (never SI prefixes like "500m"), powers of ten on log axes.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decadeDomain, decadeTicks, formatTick, spansDecades } from '../src/plot/ticks.js';

/** What a plain tick may look like: "1,500", "-0.25", or "2.5e-7" for the very small and large. */
const PLAIN = /^-?(\d{1,3}(,\d{3})*(\.\d+)?|\d(\.\d+)?e[+-]\d+)$/;

describe('formatTick', () => {
  it('prints the values SI formats mangle as plain numbers', () => {
    expect([0.5, -0.5, 0, 0.001, 0.25, 2, 1500, 20000, 999999].map(formatTick)).toEqual([
      '0.5',
      '-0.5',
      '0',
      '0.001',
      '0.25',
      '2',
      '1,500',
      '20,000',
      '1e+6',
    ]);
  });

  it('writes powers of ten outside [0.001, 10⁶) in e-notation, never with a prefix', () => {
    expect([1e-16, 1e-4, 2.5e-7, 1e6, 3e9, -1e-12].map(formatTick)).toEqual([
      '1e-16',
      '1e-4',
      '2.5e-7',
      '1e+6',
      '3e+9',
      '-1e-12',
    ]);
  });

  it('every finite value: plain text that reads back within 4 significant digits', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }),
        (v) => {
          const text = formatTick(v);
          expect(text).toMatch(PLAIN);
          const back = Number(text.replace(/,/g, ''));
          expect(Math.abs(back - v)).toBeLessThanOrEqual(Math.abs(v) * 5e-4 + Number.MIN_VALUE);
        },
      ),
    );
  });
});

describe('log axes', () => {
  it('are wanted when values span more than two decades (or the ratio given)', () => {
    expect(spansDecades([0.07, 0.9])).toBe(false);
    expect(spansDecades([0.38, 1774])).toBe(true);
    expect(spansDecades([0, 0.5, 0.9])).toBe(false); // zeros are not on a log axis and do not count
    expect(spansDecades([0.5, 6], 10)).toBe(true);
  });

  it('decadeDomain widens to whole decades; decadeTicks never crowds', () => {
    expect(decadeDomain([3e-16, 0.02, 0])).toEqual([1e-16, 0.1]);
    expect(decadeDomain([0.38, 1774])).toEqual([0.1, 10000]);
    expect(decadeTicks(0.1, 10000)).toEqual([0.1, 1, 10, 100, 1000, 10000]);
    const wide = decadeTicks(1e-16, 1);
    expect(wide.length).toBeLessThanOrEqual(8);
    expect(wide.at(-1)).toBe(1);
    expect(wide[0]).toBeLessThanOrEqual(1e-14);
    // less than a decade: 1-2-5 ticks, never none
    expect(decadeTicks(0.3, 0.9)).toEqual([0.5]);
    expect(decadeTicks(0.15, 0.9)).toEqual([0.2, 0.5]);
  });
});
