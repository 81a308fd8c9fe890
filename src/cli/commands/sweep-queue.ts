// The queue side of `initlab sweep`: --queue, --status and --allow-remote read and checked,
// and the grid run through BullMQ instead of this machine's threads.
import { UsageError } from '../../errors.js';
import type { Dataset } from '../../data/dataset.js';
import type { SweepRow } from '../../experiments/sweep.js';
import type { QueueAddress } from '../../node/queue-address.js';
import type { SweepTask } from '../../node/sweep-worker.js';
import { toJson } from '../json.js';
import { VERSION } from '../version.js';
import type { SweepFlags } from './sweep.js';

/**
 * The --queue address, or null for a local sweep; refuses flags that need --queue without it.
 * @throws UsageError
 */
export async function queueAddressOf(flags: SweepFlags): Promise<QueueAddress | null> {
  if (flags.queue === undefined) {
    if (flags.status)
      throw new UsageError('--status reads a queue: give --queue redis://HOST:PORT');
    if (flags.allowRemote) throw new UsageError('--allow-remote goes with --queue');
    return null;
  }
  if (flags.workers !== undefined)
    throw new UsageError(
      "--workers sets this machine's threads; with --queue each `initlab worker` sets its own (--threads)",
    );
  const { parseQueueAddress } = await import('../../node/queue-address.js');
  return parseQueueAddress(flags.queue, flags.allowRemote, process.env.INITLAB_REDIS_PASSWORD);
}

/** `--status`: prints the queue's counts, then each recorded sweep's (or --json), and returns. */
export async function printQueueStatus(
  address: QueueAddress,
  json: boolean | undefined,
): Promise<void> {
  const { queueStatus } = await import('../../node/queue-status.js');
  const s = await queueStatus(address, VERSION);
  if (json) {
    process.stdout.write(`${toJson(s)}\n`);
    return;
  }
  const counts = (c: { waiting: number; running: number; done: number; failed: number }) =>
    `${c.waiting} waiting, ${c.running} running, ${c.done} done, ${c.failed} failed`;
  const lines = [
    `${s.queue} (${s.name}): ${counts(s)}; ${s.workers} worker${s.workers === 1 ? '' : 's'} connected`,
  ];
  for (const w of s.sweeps.slice(0, SWEEPS_SHOWN))
    lines.push(
      `  sweep ${w.id}, started ${w.started.slice(0, 16).replace('T', ' ')} UTC, ${w.cells} cell${w.cells === 1 ? '' : 's'} (${w.grid}): ${counts(w)}`,
    );
  if (s.sweeps.length > SWEEPS_SHOWN)
    lines.push(`  and ${s.sweeps.length - SWEEPS_SHOWN} older sweeps (--json lists every one)`);
  process.stdout.write(`${lines.join('\n')}\n`);
}

/** The sweeps --status lists in text, the latest first. */
const SWEEPS_SHOWN = 10;

/** Runs the tasks through the queue; notes (no worker yet, connection lost, cells reused) go to stderr. */
export async function sweepOnQueue(
  address: QueueAddress,
  tasks: SweepTask[],
  data: { train: Dataset; test: Dataset | null },
  onDone: (n: number) => void,
  shouldStop: () => boolean,
) {
  const { runOnQueue } = await import('../../node/queue-sweep-client.js');
  const result = await runOnQueue(tasks, {
    address,
    version: VERSION,
    ...data,
    onDone,
    shouldStop,
    onNote: (text) => process.stderr.write(`\ninitlab: ${text}\n`),
  });
  if (result.interrupted)
    process.stderr.write(
      'initlab: the unfinished cells stay on the queue for the workers; the same sweep run again collects them\n',
    );
  if (result.reused)
    process.stderr.write(
      `initlab: ${result.reused} of ${tasks.length} cells were already finished on the queue (reused, not recomputed)\n`,
    );
  return result;
}

/** The rows that carry numbers (a cell that failed on the queue has none), and one line about the others. */
export async function splitFailed(
  rows: SweepRow[],
): Promise<{ ok: SweepRow[]; failedLine: string | null }> {
  const { isFailedRow } = await import('../../node/queue-cell.js');
  const failed = rows.filter(isFailedRow);
  if (!failed.length) return { ok: rows, failedLine: null };
  const f = failed[0];
  return {
    ok: rows.filter((r) => !isFailedRow(r)),
    failedLine: `${failed.length} of ${rows.length} cells failed (their rows say why; first: ${f.init} lr ${f.learningRate} seed ${f.seed}: ${f.stopReason.slice('failed: '.length)})`,
  };
}
