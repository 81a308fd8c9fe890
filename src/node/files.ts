// Reading people's files: a size limit first, then a clear error for what cannot be read.
import { readFileSync, statSync } from 'node:fs';
import { parseCsv } from '../data/csv.js';
import type { Dataset } from '../data/dataset.js';
import { FileError } from '../errors.js';
import { describeSystemError } from './fs-errors.js';

/** CSV files above this size are refused before reading (a wrong path to a huge file). */
export const MAX_CSV_BYTES = 200 * 1024 * 1024;

const human = (bytes: number) => (bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GB` : `${(bytes / 2 ** 20).toFixed(1)} MB`);

export function readTextFile(path: string, maxBytes: number, what: string): string {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new FileError(`${path} is not a file`);
    size = st.size;
  } catch (e) {
    if (e instanceof FileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new FileError(code === 'ENOENT' ? `${what} ${path} does not exist` : `cannot read ${path}: ${describeSystemError(e)}`);
  }
  if (size > maxBytes) throw new FileError(`${path} is ${human(size)}; initlab reads ${what}s up to ${human(maxBytes)}`);
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new FileError(`cannot read ${path}: ${describeSystemError(e)}`);
  }
}

export const readCsvDataset = (path: string): Dataset => parseCsv(readTextFile(path, MAX_CSV_BYTES, 'CSV file'), path);

/** Is this SPEC a file path rather than NAME[:key=value]? (a path separator or a .csv ending) */
export const isPathSpec = (spec: string): boolean => /[\\/]/.test(spec) || /\.(csv|tsv|txt)$/i.test(spec.trim());
