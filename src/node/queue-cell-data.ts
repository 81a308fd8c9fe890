// The training and test sets of a sweep, stored once in Redis under a key named by their
// hash: each job names the key, and a worker fetches the sets once per sweep, not per cell.
import type { Redis } from 'ioredis';
import type { Dataset } from '../data/dataset.js';
import { QueueError } from '../errors.js';
import type { PlainDataset, SweepData } from './sweep-worker.js';
import { hashOf } from './queue-cell.js';

interface StoredMatrix {
  rows: number;
  cols: number;
  base64: string;
}
interface Stored {
  train: { X: StoredMatrix; Y: StoredMatrix };
  test: { X: StoredMatrix; Y: StoredMatrix } | null;
}

// the doubles' bytes, so every value arrives bit for bit
const pack = (m: { rows: number; cols: number; data: Float64Array }): StoredMatrix => ({
  rows: m.rows,
  cols: m.cols,
  base64: Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength).toString('base64'),
});
const unpack = (m: StoredMatrix): PlainDataset['X'] => {
  const bytes = Buffer.from(m.base64, 'base64');
  const data = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(data.buffer).set(bytes);
  return { rows: m.rows, cols: m.cols, data };
};
const packSet = (d: Dataset) => ({ X: pack(d.X), Y: pack(d.Y) });

/** Stores the sets (idempotent: the same sets give the same key); returns the key. */
export async function storeSweepData(
  redis: Redis,
  prefix: string,
  train: Dataset,
  test: Dataset | null,
): Promise<string> {
  const stored: Stored = { train: packSet(train), test: test ? packSet(test) : null };
  const text = JSON.stringify(stored);
  const key = `${prefix}:data:${hashOf(text)}`;
  await redis.set(key, text);
  return key;
}

/**
 * Reads the sets a job names.
 * @throws QueueError when the key is gone (the Redis was emptied since the sweep began).
 */
export async function loadSweepData(redis: Redis, key: string): Promise<SweepData> {
  const text = await redis.get(key);
  if (text === null)
    throw new QueueError(
      `the cell's data (${key}) is no longer in Redis; run the sweep again to store it`,
    );
  const s = JSON.parse(text) as Stored;
  const set = (d: Stored['train']): PlainDataset => ({ X: unpack(d.X), Y: unpack(d.Y) });
  return { train: set(s.train), test: s.test ? set(s.test) : null };
}
