// A dense row-major float64 matrix: the one data type the engine passes around.
import { DataError } from '../errors.js';

/**
 * A dense row-major float64 matrix (rows × cols): the one data type the engine passes around.
 * An example's features are a column: X is (features × m), as in the notebook.
 */
export class Matrix {
  /** Number of rows. */
  readonly rows: number;
  /** Number of columns. */
  readonly cols: number;
  /** The values row by row: entry (i, j) is `data[i * cols + j]`; rows × cols of them. */
  readonly data: Float64Array;

  /**
   * A (rows × cols) matrix on `data` (shared, not copied), or of zeros.
   * @throws DataError when a size is not a whole number ≥ 0, or `data` does not hold rows × cols values
   */
  constructor(rows: number, cols: number, data?: Float64Array) {
    if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
      throw new DataError(`invalid matrix shape (${rows}, ${cols})`);
    }
    if (data && data.length !== rows * cols) {
      throw new DataError(
        `matrix of shape (${rows}, ${cols}) needs ${rows * cols} values, got ${data.length}`,
      );
    }
    this.rows = rows;
    this.cols = cols;
    this.data = data ?? new Float64Array(rows * cols);
  }

  /** Builds a matrix from nested rows; every row must have the same length. */
  static fromRows(rows: ArrayLike<ArrayLike<number>>): Matrix {
    const r = rows.length;
    const c = r ? rows[0].length : 0;
    const m = new Matrix(r, c);
    for (let i = 0; i < r; i++) {
      if (rows[i].length !== c)
        throw new DataError(`row ${i} has ${rows[i].length} values, expected ${c}`);
      for (let j = 0; j < c; j++) m.data[i * c + j] = rows[i][j];
    }
    return m;
  }

  /** [rows, cols], as numpy's `shape`. */
  get shape(): [number, number] {
    return [this.rows, this.cols];
  }

  /** Entry (i, j) (0-based; not bounds-checked). */
  get(i: number, j: number): number {
    return this.data[i * this.cols + j];
  }

  /** Sets entry (i, j) to v (0-based; not bounds-checked). */
  set(i: number, j: number, v: number): void {
    this.data[i * this.cols + j] = v;
  }

  /** Row i as a view of `data` (1 × cols; writes go through). */
  row(i: number): Float64Array {
    return this.data.subarray(i * this.cols, (i + 1) * this.cols);
  }

  /** A copy with its own data. */
  clone(): Matrix {
    return new Matrix(this.rows, this.cols, this.data.slice());
  }

  /** Nested arrays, as numpy's `tolist()`. */
  toArray(): number[][] {
    return Array.from({ length: this.rows }, (_, i) => Array.from(this.row(i)));
  }
}
