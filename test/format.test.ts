import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatNumpy, pyFloat } from '../src/format.js';

describe('pyFloat prints like Python repr', () => {
  // expected strings are what CPython 3 prints for each value
  const cases: [number, string][] = [
    [0.6931471805599453, '0.6931471805599453'],
    [1e-5, '1e-05'],
    [1.5e16, '1.5e+16'],
    [1e16, '1e+16'],
    [123, '123.0'],
    [0.0001, '0.0001'],
    [1773.5859549373833, '1773.5859549373833'],
    [-2.5e-7, '-2.5e-07'],
    [1e22, '1e+22'],
    [0.1, '0.1'],
    [Infinity, 'inf'],
    [-Infinity, '-inf'],
    [NaN, 'nan'],
    [0, '0.0'],
    [-0, '-0.0'],
    [9999999999999998, '9999999999999998.0'],
    [123456789.125, '123456789.125'],
  ];
  for (const [x, s] of cases) it(s, () => expect(pyFloat(x)).toBe(s));
  it('round-trips every double', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        expect(Number(pyFloat(x))).toBe(x);
      }),
    );
  });
});

describe('formatNumpy prints like numpy str()', () => {
  it('aligns signs and pads decimals with spaces', () => {
    expect(
      formatNumpy([
        [1.7886284734303186, 0.43650985051198943],
        [0.09649746807200862, -1.8634927033644908],
        [-0.27738820251439905, -0.35475897926898675],
      ]),
    ).toBe('[[ 1.78862847  0.43650985]\n [ 0.09649747 -1.8634927 ]\n [-0.2773882  -0.35475898]]');
  });
  it('zeros and integers', () => {
    expect(
      formatNumpy([
        [0, 0],
        [0, 0],
      ]),
    ).toBe('[[0. 0.]\n [0. 0.]]');
    expect(formatNumpy([[1, 0, 1]], { integer: true })).toBe('[[1 0 1]]');
  });
});
