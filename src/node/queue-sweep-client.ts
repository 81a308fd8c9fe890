// `initlab sweep --queue`: puts the grid's cells on the BullMQ queue (each under the hash of
// its configuration, so a cell finished by an earlier sweep is already there and only read
// back), waits for the workers' rows, and returns them in grid order, like the thread pool.
import { Job, Queue, QueueEvents } from 'bullmq';
import { Redis } from 'ioredis';
import type { Dataset } from '../data/dataset.js';
import type { SweepRow } from '../experiments/sweep.js';
import type { SweepTask } from './sweep-worker.js';
import { type QueueAddress, redact, redisOptions } from './queue-address.js';
import { storeSweepData } from './queue-cell-data.js';
import { type CellPayload, cellId, decodeRow, failedRow, queueName } from './queue-cell.js';
import { describeRedisError, probeRedis } from './queue-connect.js';
import {
  DATA_PREFIX,
  describeGrid,
  otherVersionWorkers,
  recordSweep,
  workersOf,
} from './queue-sweeps.js';

/**
 * Every pending cell is read back now and then, whatever the events said (a Redis restart or a
 * long disconnection may drop an event, never a finished job): every 2 s, or 2 ms per pending
 * cell when that is longer, so a grid of 100,000 cells costs Redis 500 reads a second rather
 * than 50,000; and at once when the connection comes back.
 */
const fullCheckMs = (pending: number) => Math.max(2000, 2 * pending);
/** Jobs added or read per round trip. */
const CHUNK = 500;
/** After this long with no worker on the queue (ms), say how to start one. */
const NO_WORKER_NOTE_MS = 3000;

export interface QueueSweepOptions {
  address: QueueAddress;
  version: string;
  train: Dataset;
  test: Dataset | null;
  onDone?: (done: number) => void;
  /** Polled every 50 ms: true stops waiting; the cells stay on the queue for the workers, and a rerun picks up their rows. */
  shouldStop?: () => boolean;
  /** Notes for stderr (no worker yet, connection lost), masked. */
  onNote?: (text: string) => void;
}

export interface QueueSweepResult {
  /** In grid order; undefined for the cells not finished when a stop came. */
  rows: (SweepRow | undefined)[];
  interrupted: boolean;
  /** Worker processes connected to the queue at the end. */
  workers: number;
  /** Cells whose rows an earlier sweep had already computed. */
  reused: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Runs the tasks through the queue.
 * @throws QueueError when Redis cannot be reached at the start (what to do, password masked).
 */
export async function runOnQueue(
  tasks: SweepTask[],
  o: QueueSweepOptions,
): Promise<QueueSweepResult> {
  await probeRedis(o.address);
  const connection = redisOptions(o.address);
  const name = queueName(o.version);
  let lastNote = '';
  const note = (e: unknown) => {
    const text = redact(
      `lost the queue: ${describeRedisError(e, o.address)}; waiting for it to come back (Ctrl-C to stop waiting)`,
      o.address,
    );
    if (text !== lastNote) o.onNote?.(text);
    lastNote = text;
  };
  let reconnected = false;
  const redis = new Redis(connection);
  redis.on('error', note);
  redis.on('ready', () => {
    reconnected = true;
  });
  const queue = new Queue<CellPayload>(name, { connection });
  queue.on('error', note);
  const events = new QueueEvents(name, { connection });
  events.on('error', note);

  const rows: (SweepRow | undefined)[] = new Array(tasks.length);
  let done = 0;
  let interrupted = false;
  // a stop is honoured even while a call waits on a Redis that is down
  let stopPoll: ReturnType<typeof setInterval> | undefined;
  const stopped = new Promise<void>((resolve) => {
    stopPoll = setInterval(() => {
      if (o.shouldStop?.()) {
        interrupted = true;
        resolve();
      }
    }, 50);
  });
  const unlessStopped = async <T>(p: Promise<T>): Promise<T | undefined> =>
    Promise.race([p, stopped.then(() => undefined)]);

  try {
    const ready = await unlessStopped(
      Promise.all([queue.waitUntilReady(), events.waitUntilReady()]).then(() => true),
    );
    const dataKey =
      ready && (await unlessStopped(storeSweepData(redis, DATA_PREFIX, o.train, o.test)));
    if (!dataKey) return { rows, interrupted, workers: 0, reused: 0 };

    // the same configuration twice in a grid is one job with several places
    const payloads = new Map<string, CellPayload>();
    const places = new Map<string, number[]>();
    tasks.forEach((t, i) => {
      const p: CellPayload = { ...t, dataKey, version: o.version };
      const id = cellId(p);
      payloads.set(id, p);
      places.set(id, [...(places.get(id) ?? []), i]);
    });
    // recorded for --status, which says per sweep how far its cells are
    if (!(await unlessStopped(recordSweep(redis, name, [...places.keys()], describeGrid(tasks)))))
      return { rows, interrupted, workers: 0, reused: 0 };
    const pending = new Set(places.keys());
    const woken = new Set<string>();
    events.on('completed', ({ jobId }) => woken.add(jobId));
    events.on('failed', ({ jobId }) => woken.add(jobId));

    const settle = (id: string, row: SweepRow) => {
      if (!pending.delete(id)) return;
      for (const i of places.get(id) ?? []) rows[i] = row;
      done += places.get(id)?.length ?? 0;
      o.onDone?.(done);
    };
    const add = (ids: string[]) =>
      queue.addBulk(
        ids.map((id) => ({
          name: 'cell',
          data: payloads.get(id) as CellPayload,
          opts: { jobId: id, removeOnComplete: false, removeOnFail: false, attempts: 1 },
        })),
      );
    // reads jobs back: a finished one settles its cells; on the first pass, a job that failed
    // in an earlier sweep (a cell that kept killing its workers) gets one more try
    const check = async (ids: string[], firstPass: boolean) => {
      for (let k = 0; k < ids.length; k += CHUNK) {
        const chunk = ids.slice(k, k + CHUNK);
        const jobs = await Promise.all(chunk.map((id) => Job.fromId<CellPayload>(queue, id)));
        const missing: string[] = [];
        const retries: Promise<void>[] = [];
        jobs.forEach((job, j) => {
          const id = chunk[j];
          if (!job)
            missing.push(id); // emptied from Redis since it was added: add it again
          else if (job.returnvalue !== null && job.returnvalue !== undefined) {
            if (firstPass && (job.finishedOn ?? 0) < startedAt)
              reused += places.get(id)?.length ?? 0;
            settle(id, decodeRow(job.returnvalue as Record<string, unknown>));
          } else if (job.finishedOn && job.failedReason) {
            if (firstPass) retries.push(job.retry('failed'));
            else settle(id, failedRow(payloads.get(id) as CellPayload, job.failedReason));
          }
        });
        if (missing.length) {
          // jobs gone (a Redis restarted without its append-only file, a FLUSHALL): the data and
          // the sweep's record likely went with them; both are written again (same keys) before
          // the cells, so the workers find what the cells name
          await storeSweepData(redis, DATA_PREFIX, o.train, o.test);
          await recordSweep(redis, name, [...places.keys()], describeGrid(tasks));
          await add(missing);
        }
        await Promise.all(retries);
      }
    };

    // rows finished before this sweep began were reused; the ones a worker finishes while the cells are being added were not
    const startedAt = Date.now();
    let reused = 0;
    const ids = [...pending]; // once: spreading the set per chunk made a large grid's start quadratic
    for (let k = 0; k < ids.length && !interrupted; k += CHUNK)
      await unlessStopped(add(ids.slice(k, k + CHUNK)));
    reconnected = false; // the first 'ready' is the first connection, not a return
    if (!interrupted) await unlessStopped(check([...pending], true));

    let lastFull = performance.now();
    const waitingSince = performance.now();
    let noWorkerNoted = false;
    while (pending.size && !interrupted) {
      const full = reconnected || performance.now() - lastFull >= fullCheckMs(pending.size);
      reconnected = false;
      const ids = full ? [...pending] : [...woken].filter((id) => pending.has(id));
      woken.clear();
      if (ids.length) await unlessStopped(check(ids, false));
      if (full) {
        lastFull = performance.now();
        if (
          !noWorkerNoted &&
          lastFull - waitingSince >= NO_WORKER_NOTE_MS &&
          (await unlessStopped(workersOf(queue, o.address.db).catch(() => 1))) === 0
        ) {
          noWorkerNoted = true;
          const others = await otherVersionWorkers(redis, o.address.db, name).catch(() => []);
          o.onNote?.(
            others.length
              ? `no worker of initlab ${o.version} is taking cells from ${o.address.shown}; the workers there run initlab ${others.join(', ')}, which take only their own version's cells: start initlab ${o.version} workers (initlab worker --queue ${o.address.shown})`
              : `no worker is taking cells from ${o.address.shown} yet: start one (on any machine) with initlab worker --queue ${o.address.shown}`,
          );
        }
      }
      if (!woken.size) await Promise.race([sleep(50), stopped]);
    }
    // every cell collected: a stop that came after the last one cut nothing short
    if (!pending.size) interrupted = false;
    const workers = interrupted ? 0 : await workersOf(queue, o.address.db).catch(() => 0);
    return { rows, interrupted: interrupted && pending.size > 0, workers, reused };
  } finally {
    clearInterval(stopPoll);
    // after a stop Redis may be down, and the supervisor gives a stopped command 1.7 s: never wait long on a goodbye
    await Promise.race([
      Promise.all([queue.close(), events.close()]).catch(() => undefined),
      sleep(interrupted ? 200 : 1000),
    ]);
    redis.disconnect();
  }
}
