// What `initlab worker` does once its flags are parsed. It runs on the process's main thread
// (the cells run on threads of their own, so this one stays free for signals) and handles
// Ctrl-C itself: a cell may take minutes, longer than the supervisor's grace for a stop.
//   1st SIGINT / SIGTERM: take no more cells, finish the running ones, return their rows, exit 130 / 143;
//   2nd: exit at once (the cells under way go back on the queue when their locks expire).
import { availableParallelism } from 'node:os';
import { UsageError } from '../../errors.js';
import { LIMITS } from '../../limits.js';
import { parseQueueAddress } from '../../node/queue-address.js';
import { probeRedis } from '../../node/queue-connect.js';
import { queueName } from '../../node/queue-cell.js';
import { exitCodeFor, flagFor, STOP_SIGNALS } from '../interrupt.js';
import { VERSION } from '../version.js';
import type { WorkerFlags } from './worker.js';

function threadCount(flags: WorkerFlags): number {
  if (flags.threads !== undefined && flags.workers !== undefined)
    throw new UsageError('give --threads or --workers, not both (they are the same)');
  const text = flags.threads ?? flags.workers;
  const name = flags.threads !== undefined ? '--threads' : '--workers';
  if (text === undefined) return availableParallelism();
  const n = Number(text);
  if (!/^\s*\d+\s*$/.test(text) || n < 1 || n > LIMITS.maxWorkers)
    throw new UsageError(
      `${name} must be a whole number from 1 to ${LIMITS.maxWorkers}, got "${text}"`,
    );
  return n;
}

export async function runWorker(flags: WorkerFlags): Promise<void> {
  const address = parseQueueAddress(
    flags.queue,
    flags.allowRemote,
    process.env.INITLAB_REDIS_PASSWORD,
  );
  const threads = threadCount(flags);
  await probeRedis(address);
  const { startWorker } = await import('../../node/queue-worker.js');
  const say = (text: string) => process.stderr.write(`initlab worker: ${text}\n`);
  const worker = await startWorker({
    address,
    version: VERSION,
    threads,
    onNote: say,
    onCell: flags.quiet
      ? undefined
      : (r, s) =>
          process.stdout.write(
            `${r.init} lr ${r.learningRate} seed ${r.seed}: ${r.stopReason}, final cost ${r.finalCost}, ${s.toFixed(2)} s\n`,
          ),
  });
  say(
    `taking cells from ${address.shown} (queue ${queueName(VERSION)}) on ${threads} thread${threads === 1 ? '' : 's'}; Ctrl-C finishes the running cells and leaves`,
  );
  await new Promise<void>((resolve) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      const code = exitCodeFor(flagFor(signal));
      if (stopping) {
        say(`stopped at once (second ${signal}); the running cells go back on the queue`);
        process.exit(code);
      }
      stopping = true;
      say(`${signal}: finishing the running cells, then leaving (Ctrl-C again to quit now)`);
      void worker.stop().then((n) => {
        say(`left after ${n} cell${n === 1 ? '' : 's'}`);
        process.exitCode = code;
        resolve();
      });
    };
    for (const signal of STOP_SIGNALS) process.on(signal, onSignal);
  });
}
