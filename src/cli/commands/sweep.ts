// `initlab sweep`: a grid of initializers × seeds × learning rates on worker threads.
import type { Command } from 'commander';
import { availableParallelism } from 'node:os';
import {
  NOTEBOOK_DEFAULTS,
  NOTEBOOK_TEST_SPEC,
  NOTEBOOK_TRAIN_SPEC,
} from '../../experiments/notebook-config.js';
import { INITIALIZER_NAMES } from '../../registry-names.js';

export interface SweepFlags {
  inits: string;
  seeds: string;
  lr: string;
  scale?: string;
  layers: string;
  activation: string;
  iterations: string;
  optimizer: string;
  batchSize: string;
  train: string;
  /** Absent: the test set follows --train. */
  test?: string;
  workers?: string;
  json?: boolean;
  report: boolean;
  out: string;
  quiet?: boolean;
  /** redis://HOST:PORT[/DB]: run the cells on `initlab worker` processes through this Redis. */
  queue?: string;
  status?: boolean;
  allowRemote?: boolean;
}

export function registerSweepCommand(program: Command): void {
  const d = NOTEBOOK_DEFAULTS;
  program
    .command('sweep')
    .description(
      'train every initializer × seed × learning rate of a grid on worker threads; spread of the outcomes per initializer',
    )
    .option(
      '--inits <list>',
      `comma-separated initializations (${INITIALIZER_NAMES.join(', ')})`,
      'he,xavier,random',
    )
    .option('--seeds <range>', 'weight seeds: 1-20, or 1,5,9, or both', '1-10')
    .option('--lr <list>', 'comma-separated learning rates', String(d.learningRate))
    .option(
      '--scale <x>',
      `multiplier of initialization random's draws, and of no other initializer (default: random's own, ${d.scale})`,
    )
    .option('--layers <sizes>', 'layer sizes, input first, output 1', d.layers.join(','))
    .option('--activation <name>', 'hidden-layer activation(s)', d.activation)
    .option('--iterations <n>', 'gradient-descent iterations per run', String(d.iterations))
    .option('--optimizer <spec>', 'gd, momentum or adam', 'gd')
    .option('--batch-size <n>', 'mini-batch size (0: the full batch)', '0')
    .option('--train <spec>', 'training data', NOTEBOOK_TRAIN_SPEC)
    .option(
      '--test <spec>',
      `test data (default: the --train generator with the same parameters and seed + 1 (seed − 1 for 4294967295); the notebook's ${NOTEBOOK_TEST_SPEC} for its training set; none for a CSV file)`,
    )
    .option(
      '--workers <n>',
      `worker threads, at most the runs and the cores (default: the machine's ${availableParallelism()} cores)`,
    )
    .option('--json', 'print {"runs":[...],"summary":[...]}')
    .option('--no-report', 'do not write the sweep folder')
    .option(
      '--out <dir>',
      'sweep folder (results.json, sweep.csv, distribution.svg/png, index.html)',
      'initlab-sweep',
    )
    .option('--quiet', 'no progress bar')
    .option(
      '--queue <redis-url>',
      'run the cells on `initlab worker` processes through this Redis (redis://HOST:PORT[/DB], redis://:PASSWORD@HOST, rediss:// for TLS); finished cells are reused',
    )
    .option('--status', 'with --queue: how many cells wait, run, are done or failed, then exit')
    .option(
      '--allow-remote',
      'accept a --queue host other than this machine (loopback only by default)',
    )
    .action(async (flags: SweepFlags) => (await import('./sweep-action.js')).runSweep(flags));
}
