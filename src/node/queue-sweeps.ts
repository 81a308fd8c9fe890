// The sweeps a queue has seen, for `--status`: each `initlab sweep --queue` records its cells'
// job ids under an id of its own (the hash of those ids, so the same grid run again is the same
// sweep), and --status reads, per sweep, how many of its cells wait, run, are done or failed.
// Cells are shared between sweeps (a cell's id is its configuration), so a cell finished for
// one sweep counts as done in every sweep that has it.
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { hashOf, queueName } from './queue-cell.js';
import type { SweepTask } from './sweep-worker.js';

/** Prefix of initlab's own keys in Redis (the sweeps' data and records); BullMQ's are under "bull:". */
export const DATA_PREFIX = 'initlab';
/** How every initlab queue's name starts (the version follows). */
const QUEUE_NAME_START = queueName('');
/** Job ids written or read per round trip. */
const CHUNK = 5000;

const sweepsKey = (queue: string) => `${DATA_PREFIX}:sweeps:${queue}`;
const sweepKey = (id: string) => `${DATA_PREFIX}:sweep:${id}`;
const cellsKey = (id: string) => `${DATA_PREFIX}:sweep:${id}:cells`;

/** One sweep as --status shows it. */
export interface SweepState {
  /** The sweep's id: the first 12 hex digits of the hash of its cells' job ids. */
  id: string;
  /** What the grid is: initializers, learning rates, seeds, layers, iterations. */
  grid: string;
  /** Distinct cells (a configuration given twice in a grid is one cell). */
  cells: number;
  /** When it was last started, ISO 8601 (UTC). */
  started: string;
  waiting: number;
  running: number;
  done: number;
  failed: number;
}

/** "1-3,7,9-10" for the integers given (sorted, repeats dropped). */
export function rangesOf(values: number[]): string {
  const xs = [...new Set(values)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < xs.length;) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++;
    parts.push(j > i ? `${xs[i]}-${xs[j]}` : String(xs[i]));
    i = j + 1;
  }
  return parts.join(',');
}

/**
 * Records a sweep's cells on the queue's Redis (the list once; a rerun only moves the sweep to
 * the top of the queue's sweeps); returns the sweep's id. Linear in the cells.
 */
export async function recordSweep(
  redis: Redis,
  queue: string,
  cellIds: string[],
  grid: string,
): Promise<string> {
  const id = hashOf([...cellIds].sort()).slice(0, 12);
  if (!(await redis.exists(cellsKey(id)))) {
    // written under a temporary name and renamed, so a sweep stopped half-way leaves no partial list
    const tmp = `${cellsKey(id)}:writing:${process.pid}`;
    await redis.del(tmp);
    for (let k = 0; k < cellIds.length; k += CHUNK)
      await redis.rpush(tmp, ...cellIds.slice(k, k + CHUNK));
    await redis.rename(tmp, cellsKey(id));
  }
  await redis.hset(sweepKey(id), { grid, cells: String(cellIds.length) });
  await redis.zadd(sweepsKey(queue), Date.now(), id);
  return id;
}

/**
 * Every recorded sweep of the queue, the latest started first, with its cells counted by
 * state: done and failed from BullMQ's finished sets, running from its active list, and
 * waiting the rest (waiting, delayed, or not yet added). Linear in the sweeps' cells.
 */
export async function sweepStates(redis: Redis, queue: Queue): Promise<SweepState[]> {
  const entries = await redis.zrevrange(sweepsKey(queue.name), 0, -1, 'WITHSCORES');
  const active = new Set(await redis.lrange(queue.keys.active, 0, -1));
  const states: SweepState[] = [];
  for (let e = 0; e < entries.length; e += 2) {
    const id = entries[e];
    const info = await redis.hgetall(sweepKey(id));
    const total = await redis.llen(cellsKey(id));
    let done = 0;
    let failed = 0;
    let running = 0;
    for (let k = 0; k < total; k += CHUNK) {
      const ids = await redis.lrange(cellsKey(id), k, k + CHUNK - 1);
      const [completedAt, failedAt] = await Promise.all([
        redis.zmscore(queue.keys.completed, ...ids),
        redis.zmscore(queue.keys.failed, ...ids),
      ]);
      ids.forEach((jobId, i) => {
        if (completedAt[i] !== null) done++;
        else if (failedAt[i] !== null) failed++;
        else if (active.has(jobId)) running++;
      });
    }
    states.push({
      id,
      grid: info.grid ?? '',
      cells: total,
      started: new Date(Number(entries[e + 1])).toISOString(),
      waiting: total - done - failed - running,
      running,
      done,
      failed,
    });
  }
  return states;
}

/** A grid in a line: "he,xavier; lr 0.01,0.1; seeds 1-10; layers 2-10-5-1; 15000 iterations". */
export function describeGrid(tasks: SweepTask[]): string {
  if (!tasks.length) return 'no cells';
  const inits = [...new Set(tasks.map((t) => t.job.init))];
  const rates = [...new Set(tasks.map((t) => t.job.learningRate))];
  const b = tasks[0].base;
  return `${inits.join(',')}; lr ${rates.join(',')}; seeds ${rangesOf(tasks.map((t) => t.job.seed))}; layers ${b.layers.join('-')}; ${b.iterations} iteration${b.iterations === 1 ? '' : 's'}`;
}

/**
 * The worker processes connected to this queue in this database. BullMQ's own count takes
 * every client of the server named after the queue, whatever database it selected: a queue of
 * the same name in another database (another sweep's, another user's) would be counted too.
 */
export async function workersOf(queue: Queue, db: number): Promise<number> {
  const clients = await queue.getWorkers();
  return clients.filter((c) => c.db === undefined || c.db === String(db)).length;
}

/**
 * The initlab versions whose workers are connected in this database, other than `ownQueue`'s
 * (BullMQ names a worker's connection "bull:" + the queue's name in base64): a sweep no worker
 * takes may be waiting for workers that run another initlab.
 */
export async function otherVersionWorkers(
  redis: Redis,
  db: number,
  ownQueue: string,
): Promise<string[]> {
  const list = String(await redis.client('LIST'));
  const versions = new Set<string>();
  for (const line of list.split('\n')) {
    const name = /(?:^| )name=bull:(\S+)/.exec(line)?.[1];
    if (!name || !new RegExp(`(?:^| )db=${db}(?: |$)`).test(line)) continue;
    const queue = Buffer.from(name, 'base64').toString('utf8');
    if (queue !== ownQueue && queue.startsWith(QUEUE_NAME_START))
      versions.add(queue.slice(QUEUE_NAME_START.length));
  }
  return [...versions];
}
