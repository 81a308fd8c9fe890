// `initlab worker`: takes sweep cells off the queue and runs them on this machine's worker
// threads (the sweep pool's thread code, one pool per sweep's data), returning each row.
import { Worker as QueueWorker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { Piscina } from 'piscina';
import type { SweepRow } from '../experiments/sweep.js';
import { type QueueAddress, redact, redisOptions } from './queue-address.js';
import { loadSweepData } from './queue-cell-data.js';
import { type CellPayload, encodeRow, failedRow, queueName } from './queue-cell.js';
import { describeRedisError } from './queue-connect.js';

/**
 * How long a cell's lock lasts without renewal (ms). A live worker renews it every half of
 * this from its main thread, which the cells never block (they run on threads); a worker
 * killed mid-cell stops renewing, and another worker's stalled-job check (every
 * STALLED_CHECK_MS) puts the cell back on the queue. Short, so a lost cell waits seconds.
 */
export const LOCK_MS = 5000;
export const STALLED_CHECK_MS = 5000;
/** A cell that stalls this many times (it kills every worker that takes it) fails, as a row with that reason, instead of circling forever. */
export const MAX_STALLS = 2;

export interface WorkerOptions {
  address: QueueAddress;
  version: string;
  /** Cells run side by side, each on a thread of its own. */
  threads: number;
  onCell?: (row: SweepRow, seconds: number) => void;
  /** Connection trouble and other notes, already masked. */
  onNote?: (text: string) => void;
}

export interface RunningWorker {
  /** Takes no more cells, waits for the running ones to finish and return their rows, and disconnects; resolves to the number of cells this worker finished. */
  stop(): Promise<number>;
}

interface DataPool {
  pool: Piscina;
  busy: number;
}

/** Starts taking cells; resolves once connected. */
export async function startWorker(o: WorkerOptions): Promise<RunningWorker> {
  const redis = new Redis(redisOptions(o.address));
  redis.on('error', () => {}); // the queue worker's own connection reports the same trouble, below
  const pools = new Map<string, Promise<DataPool>>();
  let finished = 0;

  // one thread pool per sweep's data: its threads receive the data once, when they start
  const poolFor = (key: string): Promise<DataPool> => {
    let p = pools.get(key);
    if (!p) {
      p = loadSweepData(redis, key).then((data) => ({
        pool: new Piscina({
          filename: new URL('./sweep-worker.js', import.meta.url).href,
          minThreads: 0,
          maxThreads: o.threads,
          idleTimeout: 30_000,
          workerData: data,
        }),
        busy: 0,
      }));
      p.catch(() => pools.delete(key));
      pools.set(key, p);
    }
    return p;
  };
  // a worker serving many sweeps keeps only the pools in use and the latest one
  const prune = async (keep: string) => {
    for (const [key, p] of pools) {
      if (key === keep) continue;
      const entry = await p.catch(() => null);
      if (entry && entry.busy === 0) {
        pools.delete(key);
        void entry.pool.destroy();
      }
    }
  };

  const processCell = async (job: Job<CellPayload>): Promise<Record<string, unknown>> => {
    const started = performance.now();
    const entry = await poolFor(job.data.dataKey);
    entry.busy++;
    let row: SweepRow | null = null;
    let failure = '';
    try {
      row = (await entry.pool.run({ job: job.data.job, base: job.data.base })) as SweepRow;
    } catch (e) {
      failure = (e as Error)?.message ?? String(e);
    } finally {
      entry.busy--;
    }
    void prune(job.data.dataKey);
    finished++;
    const seconds = (performance.now() - started) / 1000;
    if (row === null) {
      // the run threw (or its thread died, e.g. out of memory): the job fails with the reason,
      // once (attempts 1), so --status counts it as failed, the sweep makes it a row that says
      // why, and a rerun of the sweep tries it once more
      o.onCell?.(failedRow(job.data, failure), seconds);
      throw new Error(failure);
    }
    o.onCell?.(row, seconds);
    return encodeRow(row);
  };

  const worker = new QueueWorker<CellPayload>(queueName(o.version), processCell, {
    connection: redisOptions(o.address),
    concurrency: o.threads,
    lockDuration: LOCK_MS,
    stalledInterval: STALLED_CHECK_MS,
    maxStalledCount: MAX_STALLS,
    autorun: true,
  });
  let lastNote = '';
  worker.on('error', (e) => {
    const text = `${describeRedisError(e, o.address)}; retrying`;
    if (text !== lastNote) o.onNote?.(redact(text, o.address));
    lastNote = text;
  });
  await worker.waitUntilReady();

  return {
    async stop() {
      await worker.close(); // waits for the cells under way: their rows are returned first
      await Promise.all(
        [...pools.values()].map((p) =>
          p.then(
            (e) => e.pool.destroy(),
            () => undefined,
          ),
        ),
      );
      redis.disconnect();
      return finished;
    },
  };
}
