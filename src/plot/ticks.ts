// Axis tick text and scale choice shared by every figure. Plot's own formats print SI
// prefixes ("500m", "2k") that read as units, and its "~g" prints "4e+2" for 400; these
// give plain numbers, and powers of ten only where a log axis needs them.

/** Values from 0.001 up to a million print as plain decimals; beyond, as "1e-16" / "2.5e+7". */
const PLAIN_MIN = 1e-3;
const PLAIN_MAX = 1e6;

const plain = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4, useGrouping: true });

/**
 * A tick's text: "0", "0.25", "1,500", "0.001"; outside [0.001, 10⁶) in magnitude
 * "1e-16" or "2.5e+7" (never an SI prefix such as "500m"). Non-finite values print as
 * JavaScript does ("Infinity", "NaN").
 */
export function formatTick(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value === 0) return '0';
  const size = Math.abs(value);
  // rounding to 4 digits can carry 999,999.9 up to a million: test the rounded value
  const rounded = Number(value.toPrecision(4));
  if (size >= PLAIN_MIN && Math.abs(rounded) < PLAIN_MAX) return plain.format(rounded);
  // toExponential() gives the shortest digits of the rounded value: "2.5e-7", "1e+6"
  return rounded.toExponential();
}

/** Plot's tickFormat option for plain-number ticks. */
export const plainTicks = (value: unknown): string =>
  typeof value === 'number' ? formatTick(value) : String(value);

/** The smallest and largest positive finite numbers among `values`, or null when there is none. */
export function positiveRange(values: ArrayLike<number>): [number, number] | null {
  let lo = Infinity;
  let hi = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v > 0 && Number.isFinite(v)) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return hi > 0 ? [lo, hi] : null;
}

/** The ratio largest / smallest of the positive finite `values` (1 when there are none). */
export function positiveSpan(values: ArrayLike<number>): number {
  const range = positiveRange(values);
  return range ? range[1] / range[0] : 1;
}

/** Values spanning more than `ratio` (default 100: two decades) from smallest to largest want a log axis. */
export const spansDecades = (values: ArrayLike<number>, ratio = 100): boolean =>
  positiveSpan(values) > ratio;

/**
 * Powers of ten within [lo, hi] (both > 0), every k-th decade so that at most `most`
 * remain: tick values for a log axis whose labels never crowd. A range holding fewer
 * than two powers of ten gets 1, 2 and 5 times them instead.
 */
export function decadeTicks(lo: number, hi: number, most = 8): number[] {
  const first = Math.floor(Math.log10(lo));
  const last = Math.ceil(Math.log10(hi));
  const step = Math.max(1, Math.ceil((last - first + 1) / most));
  const ticks: number[] = [];
  const inside = (t: number) => t >= lo * (1 - 1e-12) && t <= hi * (1 + 1e-12);
  for (let e = last; e >= first; e -= step) ticks.unshift(Number(`1e${e}`));
  if (ticks.filter(inside).length >= 2) return ticks.filter(inside);
  // less than a decade between two powers of ten: 1, 2 and 5 times them instead
  const finer: number[] = [];
  for (let e = first; e <= last; e++) for (const m of [1, 2, 5]) finer.push(Number(`${m}e${e}`));
  return finer.filter(inside);
}

/** A log axis's domain: the positive finite values' range widened out to whole decades. */
export function decadeDomain(values: ArrayLike<number>): [number, number] {
  const range = positiveRange(values);
  if (!range) return [0.1, 1];
  const a = Number(`1e${Math.floor(Math.log10(range[0]))}`);
  const b = Number(`1e${Math.ceil(Math.log10(range[1]))}`);
  return a === b ? [a / 10, b] : [a, b];
}
