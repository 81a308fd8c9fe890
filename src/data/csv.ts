// Datasets from CSV text, read with papaparse (quoting, comments, separator detection)
// and written with d3-dsv (three times faster than papaparse's writer). One example per
// line: feature columns x1..xn, then (where the file has labels) a 0/1 label; an optional
// header line; lines starting with # are comments.
// The separator is found from the data lines alone (comma, tab, semicolon or bar |); with
// any but a comma, decimal commas (0,5) are read as decimal points. The separator used is
// part of the result, so that every reader (command line, web lab) can say which it was. Every error names the
// file, line and column of the cell at fault.
import { csvFormatRows } from 'd3-dsv';
import Papa from 'papaparse';
import { DataError, UsageError } from '../errors.js';
import { Matrix } from '../linalg/matrix.js';
import type { Dataset } from './dataset.js';

/** Above this many examples a CSV is refused (a typo'd path to a huge file should not hang). */
export const MAX_CSV_EXAMPLES = 1_000_000;

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const DECIMAL_COMMA = /^[-+]?(\d+,\d*|,\d+)([eE][-+]?\d+)?$/;
const NON_FINITE = /^[-+]?(nan|inf(inity)?)$/i;
/** The separators papaparse may guess; when its guess fails, tried in this order. */
const SEPARATORS = [',', '\t', ';', '|'] as const;
const SEPARATOR_NAMES: Readonly<Record<string, string>> = {
  ',': 'comma',
  '\t': 'tab',
  ';': 'semicolon',
  '|': 'bar',
};

/**
 * A line saying which separator a CSV was read with, for any but the comma (which goes
 * without saying): `data.csv: cells separated by ";" (semicolon), decimal commas read as points`.
 */
export function separatorNote(table: { separator: string }, source: string): string | null {
  if (table.separator === ',') return null;
  return `${source}: cells separated by ${JSON.stringify(table.separator)} (${SEPARATOR_NAMES[table.separator] ?? 'declared by sep='})`;
}
/** Lines sampled to choose the separator. */
const SAMPLE_LINES = 200;
/** Header names that mark the last column as the labels (compared in lower case). */
const LABEL_NAMES = new Set(['label', 'labels', 'y', 'class', 'target']);

/**
 * How a CSV's columns are read:
 * - 'last': the last column is the 0/1 label (training data);
 * - 'none': every column is a feature (data to predict on);
 * - 'auto': the header says (last column named label, y, class or target → labels; a header
 *   without one → no labels); without a header, `features` decides: features + 1 columns →
 *   labels in the last, features columns → none. Never guessed from the values.
 */
export type CsvLabels = 'last' | 'none' | 'auto';

export interface CsvOptions {
  labels?: CsvLabels;
  /** Features the data must have (a model's inputs); used by 'auto' without a header. */
  features?: number;
}

/** A CSV read into the notebook's layout: X is (features × m), Y (1 × m) or null without labels. */
export interface CsvTable {
  X: Matrix;
  Y: Matrix | null;
  /** The header's names, or null when the file has none. */
  header: string[] | null;
  /** Why the labels were or were not read, for the output ("the header's \"label\" column"). */
  labelsFrom: string;
  /** The separator the cells were split at: detected (comma, tab, semicolon, bar) or declared by a `sep=` line. */
  separator: string;
}

interface Record_ {
  cells: string[];
  line: number;
}

/**
 * Text of a CSV file's bytes (UTF-8, an optional byte-order mark). Throws DataError
 * "not a text CSV file" for compressed, UTF-16, binary or non-UTF-8 content.
 */
export function csvTextFromBytes(bytes: Uint8Array, source = 'csv'): string {
  const not = (why: string) => new DataError(`${source}: not a text CSV file (${why})`);
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) throw not('gzip-compressed: decompress it first');
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)
    throw not('a zip archive: extract the CSV first');
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
    throw not('UTF-16 text: save it as UTF-8');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw not('its bytes are not UTF-8 text');
  }
  checkText(text, source);
  return text;
}

/** Refuses text that came from a binary file decoded leniently (NUL bytes, replacement characters). */
function checkText(text: string, source: string): void {
  if (text.includes('\u0000'))
    throw new DataError(
      `${source}: not a text CSV file (it holds NUL bytes: binary or UTF-16 data)`,
    );
  if (text.includes('\ufffd'))
    throw new DataError(`${source}: not a text CSV file (its bytes are not UTF-8 text)`);
}

/** Column (1-based, in characters) where each field of a physical line starts, quotes respected. */
function fieldStarts(line: string, sep: string): number[] {
  const starts = [1];
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === '"') quoted = !quoted;
    else if (c === sep && !quoted) starts.push(i + 2);
  }
  return starts;
}

/** The text of physical line `n` (1-based); only called to place an error. */
function lineText(text: string, n: number): string {
  const newline = newlineOf(text);
  let start = 0;
  for (let i = 1; i < n; i++) {
    const nl = text.indexOf(newline, start);
    if (nl < 0) return '';
    start = nl + 1;
  }
  const end = text.indexOf(newline, start);
  return text.slice(start, end < 0 ? text.length : end).replace(/\r$/, '');
}

/** The line break that counts lines: \n (also ending \r\n lines), or \r alone in old Mac files. */
const newlineOf = (text: string) =>
  text.includes('\n') ? '\n' : text.includes('\r') ? '\r' : '\n';

const QUOTE_ERRORS: Record<string, string> = {
  MissingQuotes: 'a quote opened here is never closed',
  InvalidQuotes: 'a closing quote is followed by more text in the same cell',
};

/**
 * Records of `text` split at `sep` (papaparse's guess when undefined), comment lines
 * (# first) and blank lines skipped, cells trimmed, each with the line it starts on.
 * Stops after `limit` records. Quote errors become DataErrors with their line.
 */
function records(
  text: string,
  sep: string | undefined,
  source: string,
  limit = Infinity,
): { rows: Record_[]; sep: string } {
  const rows: Record_[] = [];
  const newline = newlineOf(text);
  let counted = 0; // text before this offset has had its newlines counted
  let newlines = 0;
  let failure: DataError | undefined;
  let used = sep;
  Papa.parse<string[]>(text, {
    delimiter: sep ?? '',
    delimitersToGuess: [...SEPARATORS],
    comments: '#',
    skipEmptyLines: false,
    step: (step, parser) => {
      used ??= step.meta.delimiter; // papaparse's guess when none was given
      // the cursor is just past this record and its line break: the record's last character
      // is at cursor − 1, on line 1 + (line breaks before it)
      const last = step.meta.cursor - 1;
      for (
        let i = text.indexOf(newline, counted);
        i >= 0 && i < last;
        i = text.indexOf(newline, i + 1)
      )
        newlines++;
      counted = Math.max(counted, last);
      // line breaks inside quoted cells, but not one a never-closed quote swallowed at the very end
      let inside = 0;
      for (const c of step.data)
        for (let i = c.indexOf(newline); i >= 0; i = c.indexOf(newline, i + 1)) inside++;
      if (text[last] === newline && step.data[step.data.length - 1]?.endsWith(newline)) inside--;
      const line = 1 + newlines - inside;
      const quote = step.errors.find((e) => e.type === 'Quotes');
      if (quote) {
        failure = new DataError(`${source}:${line}: ${QUOTE_ERRORS[quote.code] ?? quote.message}`);
        parser.abort();
        return;
      }
      const cells = step.data.map((c) => c.trim());
      // blank lines, lines of blanks and separators (",,"), and indented comments are skipped
      if (cells.some((c) => c !== '') && !cells[0].startsWith('#')) rows.push({ cells, line });
      if (rows.length >= limit) parser.abort();
    },
  });
  if (failure) throw failure;
  return { rows, sep: used ?? ',' };
}

/** A cell as a number under this separator, or undefined when it is not one. */
function numberOf(cell: string, sep: string): number | undefined {
  if (NUMBER.test(cell)) return Number(cell);
  if (sep !== ',' && DECIMAL_COMMA.test(cell)) return Number(cell.replace(',', '.'));
  return undefined;
}

/** Numbers separated by spaces, bars or colons ("1 2 0", "1|2|0"): data in a separator initlab does not read, not a name. */
const SPACED_NUMBERS = /^[-+]?[\d.]+([eE][-+]?\d+)?([\s|:]+[-+]?[\d.]+([eE][-+]?\d+)?)+$/;
/** A header: names only (no number, no NaN or Infinity, no spaced numbers: those are bad data, not names). */
const isHeader = (cells: string[], sep: string) =>
  cells.every(
    (c) => numberOf(c, sep) === undefined && !NON_FINITE.test(c) && !SPACED_NUMBERS.test(c),
  );

/** Do these records read as a numeric table (an optional header, then equal widths ≥ 2)? */
function readsAsTable(rows: Record_[], sep: string): boolean {
  if (!rows.length) return false;
  const body = isHeader(rows[0].cells, sep) ? rows.slice(1) : rows;
  if (!body.length) return false; // a header alone (or one line of words) tells nothing
  const width = body[0].cells.length;
  return (
    width >= 2 &&
    body.every(
      (r) => r.cells.length === width && r.cells.every((c) => numberOf(c, sep) !== undefined),
    )
  );
}

/**
 * The separator: papaparse's guess from the sampled lines (comments left out), unless it does
 * not read them as a numeric table and another of comma, tab and semicolon does (a decimal
 * comma such as 1,5;2,5;0 fools a guess that only counts columns).
 */
function chooseSeparator(text: string): string {
  const sample = (sep: string | undefined) => {
    try {
      return records(text, sep, '', SAMPLE_LINES);
    } catch {
      return undefined;
    }
  };
  const guessed = sample(undefined);
  if (guessed && readsAsTable(guessed.rows, guessed.sep)) return guessed.sep;
  for (const sep of SEPARATORS) {
    const r = sample(sep);
    if (r && readsAsTable(r.rows, sep)) return sep;
  }
  return guessed?.sep ?? ',';
}

/**
 * Reads CSV text as features and, where it has them, labels (see CsvLabels).
 * Throws DataError "FILE:LINE:COLUMN: …" for a cell or line at fault, and UsageError when
 * `labels: 'auto'` cannot tell from the header or `features` whether labels are present.
 */
export function readCsvTable(
  text: string,
  source = 'csv',
  { labels = 'last', features }: CsvOptions = {},
): CsvTable {
  checkText(text, source);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1); // byte-order mark
  // Excel may start a file with "sep=;": it names the separator; kept as a comment so line numbers hold
  const declared = /^sep=([,;\t|])[ \t]*(?=\r?\n|\r|$)/.exec(text);
  if (declared) text = `#${text}`;
  const sep = declared ? declared[1] : chooseSeparator(text);
  const { rows } = records(text, sep, source, MAX_CSV_EXAMPLES + 2);
  const at = (r: Record_, field: number) =>
    `${source}:${r.line}:${fieldStarts(lineText(text, r.line), sep)[field] ?? 1}`;

  let header: string[] | null = null;
  let first = 0;
  if (rows.length && isHeader(rows[0].cells, sep)) {
    header = rows[0].cells;
    first = 1;
  }
  const m = rows.length - first;
  if (m > MAX_CSV_EXAMPLES)
    throw new DataError(
      `${source}: more than ${MAX_CSV_EXAMPLES} examples; initlab reads at most that many`,
    );
  if (m === 0) {
    throw new DataError(
      `${source}: no examples (expected lines like 0.5,-1.2,1: features${labels === 'none' ? '' : ' then a 0/1 label'})`,
    );
  }
  const width = header ? header.length : rows[first].cells.length;

  // whether the last column holds labels, and why
  let labelled: boolean;
  let labelsFrom: string;
  const named = header ? LABEL_NAMES.has(header[header.length - 1].toLowerCase()) : false;
  // a header naming its label column elsewhere ("label,x1,x2") would have that column read as a feature
  const misplaced =
    header && labels !== 'none' && !named
      ? header.findIndex((h) => LABEL_NAMES.has(h.toLowerCase()))
      : -1;
  if (header && misplaced >= 0) {
    throw new DataError(
      `${at(rows[0], misplaced)}: the header names column ${misplaced + 1} ${JSON.stringify(header[misplaced])}, but initlab reads the label from the last column: move it last`,
    );
  }
  if (labels === 'last') {
    labelled = true;
    labelsFrom = header
      ? `the last column (${JSON.stringify(header[header.length - 1])})`
      : 'the last column';
  } else if (labels === 'none') {
    labelled = false;
    labelsFrom = 'none (every column is a feature)';
  } else if (header) {
    labelled = named;
    labelsFrom = named
      ? `the header's ${JSON.stringify(header[header.length - 1])} column`
      : `none: the header names no label column (label, y, class or target, last)`;
  } else if (features !== undefined && width === features + 1) {
    labelled = true;
    labelsFrom = `the last column (${width} columns for ${features} features)`;
  } else if (features !== undefined && width === features) {
    labelled = false;
    labelsFrom = `none (${width} columns for ${features} features)`;
  } else if (features !== undefined) {
    throw new UsageError(
      `${source}: ${width} columns, but the model takes ${features} features: give ${features} columns, or ${features + 1} with 0/1 labels last`,
    );
  } else {
    throw new UsageError(
      `${source}: say whether the last column holds labels (a header naming it "label", or the number of features)`,
    );
  }
  const n = labelled ? width - 1 : width;

  const values = new Float64Array(m * width); // row-major, as read
  let decimals: 'point' | 'comma' | undefined;
  for (let i = 0; i < m; i++) {
    const r = rows[first + i];
    const { cells } = r;
    for (let f = 0; f < cells.length; f++) {
      const cell = cells[f];
      const v = numberOf(cell, sep);
      if (v === undefined) {
        const what = NON_FINITE.test(cell)
          ? `${cell} is not allowed (values must be finite numbers)`
          : isHeader(cells, sep)
            ? 'a header line in the middle of the data'
            : cell === ''
              ? 'an empty cell'
              : DECIMAL_COMMA.test(cell)
                ? `${JSON.stringify(cell)} is not a number (a decimal comma in a comma-separated file: write a decimal point)`
                : cells.length === 1 && SPACED_NUMBERS.test(cell)
                  ? `${JSON.stringify(cell.slice(0, 20))} is not a number (separate the cells with commas, tabs, semicolons or bars)`
                  : `${JSON.stringify(cell.slice(0, 20))} is not a number`;
        throw new DataError(`${at(r, what.startsWith('a header') ? 0 : f)}: ${what}`);
      }
      if (!Number.isFinite(v))
        throw new DataError(
          `${at(r, f)}: ${cell.slice(0, 20)} overflows to infinity (values must be finite numbers)`,
        );
      // one file, one decimal mark: "1,5" next to "2.25" means the file is not what it seems
      const mark = cell.includes('.') ? 'point' : cell.includes(',') ? 'comma' : undefined;
      if (mark && decimals && mark !== decimals)
        throw new DataError(
          `${at(r, f)}: decimal points and decimal commas are mixed; use one of them`,
        );
      decimals ??= mark;
      if (f < width) values[i * width + f] = v;
    }
    if (cells.length !== width)
      throw new DataError(
        `${at(r, 0)}: ${cells.length} columns, but ${header ? 'the header has' : 'earlier lines have'} ${width}`,
      );
    if (labelled && width < 2)
      throw new DataError(`${at(r, 0)}: need at least one feature column and a label column`);
    const label = values[i * width + width - 1];
    if (labelled && label !== 0 && label !== 1)
      throw new DataError(
        `${at(r, width - 1)}: label ${cells[width - 1]} must be 0 or 1 (the last column is the label)`,
      );
  }
  const X = new Matrix(n, m);
  const Y = labelled ? new Matrix(1, m) : null;
  for (let j = 0; j < m; j++) {
    for (let f = 0; f < n; f++) X.data[f * m + j] = values[j * width + f];
    if (Y) Y.data[j] = values[j * width + n];
  }
  return { X, Y, header, labelsFrom, separator: sep };
}

/** Parses labelled CSV text (the last column is the 0/1 label) into a dataset; `source` prefixes every error's location. */
export function parseCsv(text: string, source = 'csv'): Dataset {
  const { X, Y } = readCsvTable(text, source, { labels: 'last' });
  return { X, Y: Y! };
}

/** One number as CSV text; keeps the sign of zero so that a round trip is bit for bit. */
const cellText = (v: number) => (Object.is(v, -0) ? '-0' : String(v));

/** Rows of values as CSV text (d3-dsv: cells quoted where they need it), one line each, ending in a newline. */
export function formatCsv(rows: (string | number)[][]): string {
  if (!rows.length) return '';
  return `${csvFormatRows(rows.map((r) => r.map((c) => (typeof c === 'number' ? cellText(c) : c))))}\n`;
}

/** The dataset as CSV text with a header (x1,…,xn,label), the inverse of parseCsv. */
export function toCsv({ X, Y }: Dataset): string {
  const rows: (string | number)[][] = [
    [...Array.from({ length: X.rows }, (_, f) => `x${f + 1}`), 'label'],
  ];
  for (let j = 0; j < X.cols; j++) {
    const row: number[] = new Array(X.rows + 1);
    for (let f = 0; f < X.rows; f++) row[f] = X.get(f, j);
    row[X.rows] = Y.data[j];
    rows.push(row);
  }
  return formatCsv(rows);
}
