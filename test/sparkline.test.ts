import { describe, expect, it } from 'vitest';
import { sparkline } from '../src/plot/sparkline.js';

describe('sparkline', () => {
  it('falls from the top bar to the bottom one', () => {
    expect(sparkline([4, 3, 2, 1, 0], 5)).toBe('█▆▅▃▁');
  });
  it('is flat for a flat curve, rounding noise included', () => {
    expect(sparkline([0.6931471805599453, 0.6931471805599468, 0.6931471805599467], 3)).toBe('▁▁▁');
  });
  it('uses a log scale when the values span more than 100×', () => {
    const s = sparkline([1000, 100, 10, 1, 0.1], 5);
    expect(s).toBe('█▆▅▃▁');
  });
  it('resamples to the width and skips non-finite values', () => {
    expect(
      sparkline(
        Array.from({ length: 100 }, (_, i) => 100 - i),
        10,
      ),
    ).toHaveLength(10);
    expect(sparkline([NaN, Infinity, 2, 1], 5)).toBe('█▁');
    expect(sparkline([])).toBe('');
  });
});
