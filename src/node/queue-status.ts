// `initlab sweep --queue … --status`: how many cells of this initlab version's queue, in this
// Redis database, wait, run, are done or failed; the same per recorded sweep; and how many
// workers take cells from this queue (this name, this database).
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { type QueueAddress, redact, redisOptions } from './queue-address.js';
import { queueName } from './queue-cell.js';
import { describeRedisError, probeRedis } from './queue-connect.js';
import { type SweepState, sweepStates, workersOf } from './queue-sweeps.js';
import { QueueError } from '../errors.js';

export interface QueueStatus {
  /** The address, password masked. */
  queue: string;
  /** The BullMQ queue's name (one per initlab version). */
  name: string;
  waiting: number;
  running: number;
  done: number;
  failed: number;
  /** Worker processes connected now to this queue in this database. */
  workers: number;
  /** The sweeps recorded on this queue, the latest started first, each with its own counts. */
  sweeps: SweepState[];
}

/**
 * Reads the counts.
 * @throws QueueError when Redis cannot be reached.
 */
export async function queueStatus(address: QueueAddress, version: string): Promise<QueueStatus> {
  await probeRedis(address);
  const name = queueName(version);
  const connection = { ...redisOptions(address), maxRetriesPerRequest: 1 };
  const queue = new Queue(name, { connection });
  queue.on('error', () => {}); // surfaces through the awaited calls
  const redis = new Redis(connection);
  redis.on('error', () => {});
  try {
    const c = await queue.getJobCounts(
      'waiting',
      'prioritized',
      'delayed',
      'waiting-children',
      'active',
      'completed',
      'failed',
    );
    const workers = await workersOf(queue, address.db);
    const sweeps = await sweepStates(redis, queue);
    return {
      queue: address.shown,
      name,
      waiting: c.waiting + c.prioritized + c.delayed + c['waiting-children'],
      running: c.active,
      done: c.completed,
      failed: c.failed,
      workers,
      sweeps,
    };
  } catch (e) {
    throw new QueueError(redact(describeRedisError(e, address), address));
  } finally {
    redis.disconnect();
    await queue.close();
  }
}
