// Number and matrix text as Python and numpy print them, so initlab's output reads
// like the notebook's cells.
import { maxOf, minOf } from './extent.js';

/** Python's repr(float): shortest round-trip digits, fixed for 1e-4 <= |x| < 1e16, else "1e-05" style. */
export function pyFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expText] = x.toExponential().split('e'); // shortest digits, e.g. "-1.234e-5"
  const exp = Number(expText);
  const sign = mant.startsWith('-') ? '-' : '';
  const digits = mant.replace('-', '').replace('.', '');
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  const intPart = digits.slice(0, exp + 1).padEnd(exp + 1, '0');
  const frac = digits.slice(exp + 1);
  return `${sign}${intPart}.${frac || '0'}`;
}

/** One value with at most `precision` decimals, trailing zeros dropped (numpy's "maxprec" mode). */
function trimmedFixed(x: number, precision: number): { int: string; frac: string } {
  const s = x.toFixed(precision);
  const [i, f = ''] = s.split('.');
  return {
    int: i === '-0' ? (Object.is(x, -0) || x < 0 ? '-0' : '0') : i,
    frac: f.replace(/0+$/, ''),
  };
}

/**
 * A 2-d array as numpy's str() prints it with default print options: 8 decimals at
 * most, columns aligned, rows wrapped at 75 characters; `integer` for int arrays.
 */
export function formatNumpy(
  rows: number[][],
  { precision = 8, lineWidth = 75, integer = false } = {},
): string {
  const flat = rows.flat();
  const finite = flat.filter((v) => Number.isFinite(v) && v !== 0).map(Math.abs);
  const maxAbs = finite.length ? maxOf(finite) : 0;
  const minAbs = finite.length ? minOf(finite) : 0;
  const scientific = finite.length > 0 && (maxAbs >= 1e8 || minAbs < 1e-4 || maxAbs / minAbs > 1e3);
  let cells: string[];
  if (integer) {
    const width = maxOf(flat.map((v) => String(v).length));
    cells = flat.map((v) => String(v).padStart(width));
  } else if (scientific) {
    const parts = flat.map((v) => {
      const [m, e] = v.toExponential(precision).split('e');
      const [mi, mf = ''] = m.split('.');
      return {
        mi,
        mf: mf.replace(/0+$/, ''),
        e: `e${e[0] === '-' ? '-' : '+'}${e.replace(/^[-+]/, '').padStart(2, '0')}`,
      };
    });
    const fracLen = maxOf(parts.map((p) => p.mf.length));
    const intLen = maxOf(parts.map((p) => p.mi.length));
    cells = parts.map((p) => `${p.mi.padStart(intLen)}.${p.mf.padEnd(fracLen, '0')}${p.e}`);
  } else {
    const parts = flat.map((v) =>
      Number.isFinite(v) ? trimmedFixed(v, precision) : { int: pyFloat(v), frac: '' },
    );
    const fracLen = Math.max(0, maxOf(parts.map((p) => p.frac.length)));
    const intLen = maxOf(parts.map((p) => p.int.length));
    cells = parts.map((p) =>
      p.int.match(/^-?\d+$/)
        ? `${p.int.padStart(intLen)}.${p.frac.padEnd(fracLen, ' ')}`
        : p.int.padStart(intLen + fracLen + 1),
    );
  }
  const cols = rows[0]?.length ?? 0;
  const lines: string[] = [];
  rows.forEach((_, r) => {
    const open = r === 0 ? '[[' : ' [';
    const close = r === rows.length - 1 ? ']]' : ']';
    let line = open;
    const wrapped: string[] = [];
    for (let c = 0; c < cols; c++) {
      const cell = cells[r * cols + c];
      const piece = c === 0 ? cell : ` ${cell}`;
      if (c > 0 && line.length + piece.length + close.length > lineWidth) {
        wrapped.push(line);
        line = `  ${cell}`;
      } else line += piece;
    }
    wrapped.push(line + close);
    lines.push(wrapped.join('\n'));
  });
  return lines.join('\n');
}

/** A fraction as a percentage with one decimal, as the tables print accuracies: 0.9933 → `99.3%`. */
export const percent = (fraction: number): string => `${(100 * fraction).toFixed(1)}%`;

/** What the tables and reports show for a run without a test set: words, never a number. */
export const NO_TEST_SET = 'no test set';

/** A boundary figure's title: `he: train 99.0%, test 96.0%` (or `…, no test set` for null). */
export const accuracyTitle = (name: string, train: number, test: number | null): string =>
  `${name}: train ${percent(train)}, ${test === null ? NO_TEST_SET : `test ${percent(test)}`}`;

/** A test accuracy as `percent` gives it, or NO_TEST_SET where there is none (null). */
export const percentOrNone = (fraction: number | null): string =>
  fraction === null ? NO_TEST_SET : percent(fraction);
