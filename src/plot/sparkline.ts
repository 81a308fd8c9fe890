// A cost curve as one line of block characters, for the terminal.
import { maxOf, minOf } from '../extent.js';

const BARS = '▁▂▃▄▅▆▇█';

/** `values` resampled to `width` columns, scaled between their min and max (log scale when they span > 100×). */
export function sparkline(values: number[], width = 40): string {
  const finite = values.filter(Number.isFinite);
  if (!finite.length) return '';
  const log = minOf(finite) > 0 && maxOf(finite) / minOf(finite) > 100;
  const f = (v: number) => (log ? Math.log(v) : v);
  const cols = Math.min(width, finite.length);
  const sampled = Array.from({ length: cols }, (_, c) =>
    f(finite[Math.floor((c * (finite.length - 1)) / Math.max(1, cols - 1))]),
  );
  const lo = minOf(sampled);
  const hi = maxOf(sampled);
  // a range within rounding noise is a flat line, not a cliff
  const flat = hi - lo <= 1e-9 * Math.max(Math.abs(hi), Math.abs(lo), 1e-300);
  return sampled
    .map((v) => BARS[flat ? 0 : Math.round(((v - lo) / (hi - lo)) * (BARS.length - 1))])
    .join('');
}
