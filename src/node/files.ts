// Reading people's files: a size limit first, then a clear error for what cannot be read.
import { existsSync, readFileSync, statSync } from 'node:fs';
import {
  type CsvOptions,
  type CsvTable,
  csvTextFromBytes,
  readCsvTable,
  separatorNote,
} from '../data/csv.js';
import type { Dataset } from '../data/dataset.js';
import { datasets } from '../data/registry.js';
import { FileError } from '../errors.js';
import { describeSystemError } from './fs-errors.js';

/** CSV files above this size are refused before reading (a wrong path to a huge file). */
export const MAX_CSV_BYTES = 200 * 1024 * 1024;

const human = (bytes: number) =>
  bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GB` : `${(bytes / 2 ** 20).toFixed(1)} MB`;

/** Checks that `path` is a readable file of at most `maxBytes`; FileError says why not. */
function checkFile(path: string, maxBytes: number, what: string): void {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new FileError(`${path} is not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof FileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new FileError(
      code === 'ENOENT'
        ? `${what} ${path} does not exist`
        : `cannot read ${path}: ${describeSystemError(e)}`,
    );
  }
  if (size > maxBytes)
    throw new FileError(
      `${path} is ${human(size)}; initlab reads ${what}s up to ${human(maxBytes)}`,
    );
}

function readBytes(path: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new FileError(`cannot read ${path}: ${describeSystemError(e)}`);
  }
}

export function readTextFile(path: string, maxBytes: number, what: string): string {
  checkFile(path, maxBytes, what);
  return readBytes(path).toString('utf8');
}

/** A CSV file's text: refused before reading above MAX_CSV_BYTES, and refused unless it is UTF-8 text. */
function readCsvText(path: string): string {
  checkFile(path, MAX_CSV_BYTES, 'CSV file');
  return csvTextFromBytes(readBytes(path), path);
}

/** Says on stderr which separator a file was read with, when it is not the comma (see separatorNote). */
function noteSeparator(table: CsvTable, path: string): CsvTable {
  const note = separatorNote(table, path);
  if (note) process.stderr.write(`initlab: note: ${note}\n`);
  return table;
}

/** A labelled CSV file (the last column holds the 0/1 labels) as a dataset; a separator other than a comma is said on stderr. */
export function readCsvDataset(path: string): Dataset {
  const { X, Y } = noteSeparator(readCsvTable(readCsvText(path), path, { labels: 'last' }), path);
  return { X, Y: Y as Dataset['Y'] };
}

/** A CSV file with or without labels (see CsvOptions), e.g. data to predict on; a separator other than a comma is said on stderr. */
export const readCsvFile = (path: string, options: CsvOptions): CsvTable =>
  noteSeparator(readCsvTable(readCsvText(path), path, options), path);

/**
 * Is this SPEC a file path rather than NAME[:key=value]? Yes for a path separator or a
 * .csv/.tsv/.txt ending, and for the name of an existing file that is no dataset's name
 * (a registered name such as "circles" stays the generator even if such a file exists).
 */
export function isPathSpec(spec: string): boolean {
  if (/[\\/]/.test(spec) || /\.(csv|tsv|txt)$/i.test(spec.trim())) return true;
  if (spec.includes(':') || Object.hasOwn(datasets, spec.trim().toLowerCase())) return false;
  return existsSync(spec);
}
