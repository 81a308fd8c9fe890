// A sweep cell as it travels through the queue: its job id, its payload, and its row coming back.
import { createHash } from 'node:crypto';
import type { SweepRow } from '../experiments/sweep.js';
import type { SweepTask } from './sweep-worker.js';

/** The BullMQ queue of one initlab version: a worker only ever takes cells of its own version, so its rows are those a local sweep of that version gives. */
export const queueName = (version: string): string =>
  `initlab-sweep-v${version.replace(/[^\w.-]/g, '_')}`;

/** What a job carries: the grid point, the run's settings, and the key of the data in Redis. */
export interface CellPayload extends SweepTask {
  /** Redis key of the training and test sets (see queue-cell-data.ts). */
  dataKey: string;
  version: string;
}

/** JSON with object keys sorted, so equal configurations always hash alike. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : x,
  );

/** SHA-256 (hex) of any JSON-able value, keys sorted. */
export const hashOf = (v: unknown): string =>
  createHash('sha256').update(canonical(v)).digest('hex');

/** The job id: a hash of the cell's whole configuration (grid point, settings, data) and initlab's version, so the same cell is the same job in every sweep. */
export const cellId = (p: CellPayload): string =>
  `cell-${hashOf({ job: p.job, base: p.base, data: p.dataKey, version: p.version })}`;

// JSON would turn a diverged run's Infinity or NaN into null: such numbers travel as strings
const NONFINITE: Record<string, number> = {
  NaN: Number.NaN,
  Infinity: Number.POSITIVE_INFINITY,
  '-Infinity': Number.NEGATIVE_INFINITY,
};

/** A row as a job's return value (non-finite numbers as "NaN", "Infinity", "-Infinity"). */
export const encodeRow = (row: SweepRow): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(row).map(([k, v]) => [
      k,
      typeof v === 'number' && !Number.isFinite(v) ? String(v) : v,
    ]),
  );

/** The row back from a job's return value. */
export function decodeRow(value: Record<string, unknown>): SweepRow {
  const numeric = new Set(['seed', 'learningRate', 'finalCost', 'trainAccuracy', 'testAccuracy']);
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      numeric.has(k) && typeof v === 'string' && v in NONFINITE ? NONFINITE[v] : v,
    ]),
  ) as unknown as SweepRow;
}

/** The row of a cell that ended without a result (an exception, a cell that kept killing its workers): no numbers, and why. */
export const failedRow = (p: Pick<CellPayload, 'job'>, reason: string): SweepRow => ({
  ...p.job,
  finalCost: Number.NaN,
  trainAccuracy: Number.NaN,
  testAccuracy: null,
  stopReason: `failed: ${reason}`,
  reason,
});

/** True for a row made by failedRow. */
export const isFailedRow = (row: SweepRow): boolean => row.stopReason.startsWith('failed: ');
