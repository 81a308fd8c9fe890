// `initlab sweep --queue … --status`: how many cells of this initlab version's queue wait, run, are done or failed.
import { Queue } from 'bullmq';
import { type QueueAddress, redact, redisOptions } from './queue-address.js';
import { queueName } from './queue-cell.js';
import { describeRedisError, probeRedis } from './queue-connect.js';
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
  /** Worker processes connected now. */
  workers: number;
}

/**
 * Reads the counts.
 * @throws QueueError when Redis cannot be reached.
 */
export async function queueStatus(address: QueueAddress, version: string): Promise<QueueStatus> {
  await probeRedis(address);
  const name = queueName(version);
  const queue = new Queue(name, {
    connection: { ...redisOptions(address), maxRetriesPerRequest: 1 },
  });
  queue.on('error', () => {}); // surfaces through the awaited calls
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
    const workers = await queue.getWorkersCount();
    return {
      queue: address.shown,
      name,
      waiting: c.waiting + c.prioritized + c.delayed + c['waiting-children'],
      running: c.active,
      done: c.completed,
      failed: c.failed,
      workers,
    };
  } catch (e) {
    throw new QueueError(redact(describeRedisError(e, address), address));
  } finally {
    await queue.close();
  }
}
