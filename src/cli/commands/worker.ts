// `initlab worker`: runs sweep cells taken from a Redis queue (see `initlab sweep --queue`).
import type { Command } from 'commander';
import { availableParallelism } from 'node:os';

export interface WorkerFlags {
  queue: string;
  threads?: string;
  workers?: string;
  allowRemote?: boolean;
  quiet?: boolean;
}

export function registerWorkerCommand(program: Command): void {
  program
    .command('worker')
    .description(
      'take sweep cells from a Redis queue (`initlab sweep --queue`), run them on worker threads, return their rows; Ctrl-C finishes the running cells and leaves',
    )
    .requiredOption(
      '--queue <redis-url>',
      'the Redis the sweeps use (redis://HOST:PORT[/DB], redis://:PASSWORD@HOST, rediss:// for TLS)',
    )
    .option(
      '--threads <n>',
      `cells run at once, one per thread (default: the machine's ${availableParallelism()} cores)`,
    )
    .option('--workers <n>', 'the same as --threads (the name `initlab sweep` uses)')
    .option(
      '--allow-remote',
      'accept a --queue host other than this machine (loopback only by default)',
    )
    .option('--quiet', 'no line per finished cell')
    .action(async (flags: WorkerFlags) => (await import('./worker-action.js')).runWorker(flags));
}
