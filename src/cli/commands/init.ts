// `initlab init`: the parameters an initializer gives, printed like the notebook's cells.
import type { Command } from 'commander';
import { INITIALIZER_NAMES } from '../../registry-names.js';
import { NOTEBOOK_TRAIN_SPEC } from '../../experiments/notebook-config.js';

export interface InitFlags {
  init: string;
  layers: string;
  seed: string;
  scale?: string;
  json?: boolean;
  list?: boolean;
  data: string;
}

export function registerInitCommand(program: Command): void {
  program
    .command('init')
    .description("print the initial parameters W1, b1, … for a network, as the notebook's cells do")
    .option('--init <name>', `initialization (${INITIALIZER_NAMES.join(', ')})`, 'he')
    .option('--layers <sizes>', 'layer sizes, input first', '2,4,1')
    .option('--seed <n>', 'seed of the RandomState (0..4294967295)', '3')
    .option(
      '--scale <x>',
      "multiplier of --init random's draws, and of no other initializer (default: random's own, 10)",
    )
    .option('--json', 'print {"W1":[[...]],"b1":[[...]],...}')
    .option(
      '--data <spec>',
      'the batch a data-dependent initializer (lsuv) rescales on',
      NOTEBOOK_TRAIN_SPEC,
    )
    .option(
      '--list',
      'list the initializers: formula, fan, parameters and their Keras / PyTorch / TF.js equivalents',
    )
    .action(async (flags: InitFlags) => (await import('./init-action.js')).printInit(flags));
}
