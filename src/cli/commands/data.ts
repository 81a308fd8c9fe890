// `initlab data`: a dataset as numbers (text summary, JSON in the notebook's layout, or CSV).
import type { Command } from 'commander';
import { NOTEBOOK_TRAIN_SPEC } from '../../experiments/notebook-config.js';

export interface DataFlags {
  dataset: string;
  json?: boolean;
  csv?: boolean;
  list?: boolean;
}

export function registerDataCommand(program: Command): void {
  program
    .command('data')
    .description('generate a dataset and print it')
    .option(
      '--dataset <spec>',
      'NAME[:key=value,...] (see --list) or a CSV file',
      NOTEBOOK_TRAIN_SPEC,
    )
    .option('--json', 'print {"X":[[...],[...]],"Y":[[...]]} (features × m, like the notebook)')
    .option('--csv', 'print CSV: x1,...,xn,label, one example per line')
    .option('--list', 'list the dataset generators and their keys')
    .action(async (flags: DataFlags) => (await import('./data-action.js')).printData(flags));
}
