// Datasets from CSV text: one example per line, columns x1..xn then a 0/1 label; an
// optional header line; comma, semicolon or tab separated. Errors name line and column.
import { DataError } from '../errors.js';
import type { Dataset } from './dataset.js';
import { Matrix } from '../nn/matrix.js';

/** Above this many examples a CSV is refused (a typo'd path to a huge file should not hang). */
export const MAX_CSV_EXAMPLES = 1_000_000;

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Parses CSV text into a dataset; `source` (a file name) prefixes every error's location. */
export function parseCsv(text: string, source = 'csv'): Dataset {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // byte-order mark
  const lines = body.split(/\r\n|\n|\r/);
  const sep = [',', ';', '\t'].find((s) => lines.some((l) => l.includes(s))) ?? ',';
  const rows: number[][] = [];
  let width = -1;
  let headerSeen = false;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    if (!raw.trim() || raw.trimStart().startsWith('#')) continue;
    const cells = raw.split(sep).map((c) => c.trim());
    const where = (col: number) => `${source}:${i + 1}:${col}`;
    const numeric = cells.map((c) => NUMBER.test(c));
    if (!numeric.every(Boolean)) {
      if (rows.length === 0 && !headerSeen && numeric.every((n) => !n)) {
        headerSeen = true; // a header: names only
        width = cells.length;
        continue;
      }
      const bad = numeric.indexOf(false);
      const col = raw.split(sep).slice(0, bad).join(sep).length + (bad > 0 ? 2 : 1);
      const cell = cells[bad];
      const what = /^[-+]?(nan|inf(inity)?)$/i.test(cell) ? `${cell} is not allowed (values must be finite numbers)`
        : rows.length > 0 && numeric.every((n) => !n) ? 'a header line in the middle of the data'
          : cell === '' ? 'an empty cell' : `"${cell.slice(0, 20)}" is not a number`;
      throw new DataError(`${where(col)}: ${what}`);
    }
    if (width < 0) width = cells.length;
    if (cells.length !== width) throw new DataError(`${where(1)}: ${cells.length} columns, but ${headerSeen && rows.length === 0 ? 'the header has' : 'earlier lines have'} ${width}`);
    if (width < 2) throw new DataError(`${where(1)}: need at least one feature column and a label column`);
    const values = cells.map(Number);
    if (values.some((v) => !Number.isFinite(v))) throw new DataError(`${where(1)}: a value overflows to infinity`);
    const label = values[width - 1];
    if (label !== 0 && label !== 1) throw new DataError(`${where(raw.lastIndexOf(sep) + 2)}: label ${cells[width - 1]} must be 0 or 1 (the last column is the label)`);
    rows.push(values);
    if (rows.length > MAX_CSV_EXAMPLES) throw new DataError(`${source}: more than ${MAX_CSV_EXAMPLES} examples; initlab trains on at most that many`);
  }
  if (rows.length === 0) throw new DataError(`${source}: no examples (expected lines like 0.5,-1.2,1: features then a 0/1 label)`);
  const m = rows.length;
  const n = width - 1;
  const X = new Matrix(n, m);
  const Y = new Matrix(1, m);
  rows.forEach((r, j) => {
    for (let f = 0; f < n; f++) X.data[f * m + j] = r[f];
    Y.data[j] = r[n];
  });
  return { X, Y };
}

/** The dataset as CSV text with a header (x1,…,xn,label), the inverse of parseCsv. */
export function toCsv({ X, Y }: Dataset): string {
  const header = [...Array.from({ length: X.rows }, (_, f) => `x${f + 1}`), 'label'].join(',');
  const text = (v: number) => (Object.is(v, -0) ? '-0' : String(v)); // keep the sign of zero
  const lines = Array.from({ length: X.cols }, (_, j) => [...Array.from({ length: X.rows }, (_, f) => text(X.get(f, j))), String(Y.data[j])].join(','));
  return `${header}\n${lines.join('\n')}\n`;
}
