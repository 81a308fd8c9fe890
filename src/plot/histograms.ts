// Activation histograms made comparable across runs: each layer's histograms (one per
// run) are re-binned onto one shared x range, so He's spread near 1 beside random ×10's
// hundreds, or random ×0.01's spike at 0, shows as the difference it is.

export interface Bin {
  x0: number;
  x1: number;
  count: number;
}

/** The range [lo, hi] covering every histogram in `histograms` (each a list of bins). */
export function sharedRange(histograms: Bin[][]): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const bins of histograms) {
    for (const b of bins) {
      // empty bins, and those of a diverged run (activations that overflowed to ±Infinity or NaN), set no range
      if (b.count === 0 || !Number.isFinite(b.x0) || !Number.isFinite(b.x1)) continue;
      lo = Math.min(lo, b.x0);
      hi = Math.max(hi, b.x1);
    }
  }
  if (!(hi > lo)) return Number.isFinite(lo) ? [lo - 0.5, lo + 0.5] : [-0.5, 0.5];
  return [lo, hi];
}

/**
 * `bins` counted again in `n` equal bins over [lo, hi]: each source bin's count goes to
 * the new bin holding its centre (exact when the source bins are narrower than the new
 * ones, as they are when [lo, hi] covers the source's own range with as many bins).
 * Bins without a finite centre (a diverged run's) are left out.
 */
export function rebin(bins: Bin[], [lo, hi]: [number, number], n: number): Bin[] {
  const width = (hi - lo) / n;
  const out = Array.from({ length: n }, (_, k) => ({
    x0: lo + k * width,
    x1: lo + (k + 1) * width,
    count: 0,
  }));
  for (const b of bins) {
    const centre = (b.x0 + b.x1) / 2;
    if (!Number.isFinite(centre)) continue;
    const k = Math.min(n - 1, Math.max(0, Math.floor((centre - lo) / width)));
    out[k].count += b.count;
  }
  return out;
}

/**
 * Histograms grouped by layer (`byRun[r][l]`: run r's bins at layer l), each re-binned
 * into `n` bins over its layer's shared range. Returns the same shape and the ranges.
 */
export function shareLayerAxes(
  byRun: Bin[][][],
  n: number,
): { bins: Bin[][][]; ranges: [number, number][] } {
  const layers = byRun.reduce((most, r) => Math.max(most, r.length), 0);
  const ranges = Array.from({ length: layers }, (_, l) =>
    sharedRange(byRun.map((r) => r[l] ?? [])),
  );
  return { bins: byRun.map((r) => r.map((bins, l) => rebin(bins, ranges[l], n))), ranges };
}
