// The mini-batches of a run: epoch e visits the m examples in the order of
// RandomState(seed + e).permutation(m), the course's shuffling, `size` at a time (seed + e
// taken modulo 2^32, so every seed works: rng/seed-after.ts).
import { Matrix } from '../linalg/matrix.js';
import type { Allocator } from '../nn/kernels.js';
import { Workspace } from '../nn/workspace.js';
import { RandomState } from '../rng/random-state.js';
import { seedAfter } from '../rng/seed-after.js';
import type { StagedSet } from './staged-set.js';

/** Copies the columns `idx[from..from+count)` of a row-major (rows × m) array into `out` (rows × count). */
function gatherColumns(
  src: Float64Array,
  rows: number,
  m: number,
  idx: number[],
  from: number,
  count: number,
  out: Float64Array,
): void {
  for (let r = 0; r < rows; r++) {
    const so = r * m;
    const oo = r * count;
    for (let c = 0; c < count; c++) out[oo + c] = src[so + idx[from + c]];
  }
}

/** Hands out a run's mini-batches from two slots in its arena: full batches and the last, shorter one. */
export class MiniBatches {
  /** Batches per epoch: ceil(m / size). */
  readonly perEpoch: number;
  private readonly slots: StagedSet[];
  private order: number[] = [];
  private epoch = -1;
  private offset: number;

  /**
   * @param m examples in the training set
   * @param size examples per batch, 1 ≤ size < m
   * @param seed epoch e is shuffled with RandomState((seed + e) mod 2^32): the course's seed + e,
   *   counted on from 0 past 2^32 − 1 (see rng/seed-after.ts)
   */
  constructor(
    m: number,
    dims: readonly number[],
    private readonly size: number,
    private readonly seed: number,
    alloc: Allocator,
  ) {
    const rest = m % size;
    this.perEpoch = Math.ceil(m / size);
    this.slots = (rest ? [size, rest] : [size]).map((c) => ({
      X: new Matrix(dims[0], c, alloc(dims[0] * c)),
      Y: new Matrix(1, c, alloc(c)),
      ws: new Workspace(dims, c, alloc),
    }));
    this.offset = m; // forces a shuffle before the first batch
  }

  /**
   * The next mini-batch of the whole set `full` (X: n_0 × m, Y: 1 × m), copied into its slot
   * (which the next batch of the same size overwrites).
   */
  next(full: { X: Matrix; Y: Matrix }): StagedSet {
    const { X, Y } = full;
    const m = X.cols;
    if (this.offset >= m) {
      this.epoch++;
      this.order = new RandomState(seedAfter(this.seed, this.epoch)).permutation(m);
      this.offset = 0;
    }
    const count = Math.min(this.size, m - this.offset);
    const slot = this.slots[count === this.size ? 0 : 1];
    gatherColumns(X.data, X.rows, m, this.order, this.offset, count, slot.X.data);
    gatherColumns(Y.data, 1, m, this.order, this.offset, count, slot.Y.data);
    this.offset += count;
    return slot;
  }
}
