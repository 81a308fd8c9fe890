// `initlab notebook` (the default), `initlab train` and `initlab compare`: one code path,
// three ways of choosing the initializers. The work is imported when a command runs.
import type { Command } from 'commander';
import { NOTEBOOK_INITS } from '../../experiments/notebook-config.js';
import { INITIALIZER_NAMES } from '../../registry-names.js';
import { addTrainingOptions, type TrainingFlags } from '../flags.js';

const actions = () => import('./training-actions.js');

export function registerTrainingCommands(program: Command): void {
  addTrainingOptions(
    program
      .command('notebook', { isDefault: true })
      .description(
        'reproduce the notebook: train with zeros, random ×10 and He, then compare (the default command)',
      ),
  ).action(async (flags: TrainingFlags) => (await actions()).notebook(flags));

  addTrainingOptions(
    program
      .command('train')
      .description('train one network and report its costs and accuracies')
      .option(
        '--init <name>',
        `initialization (${INITIALIZER_NAMES.join(', ')}; random:scale=X also works)`,
        'he',
      )
      .option('--save <file>', 'save the trained model (JSON, exact float64) for initlab predict'),
  ).action(async (flags: TrainingFlags & { init: string; save?: string }) =>
    (await actions()).trainOne(flags),
  );

  addTrainingOptions(
    program
      .command('compare')
      .description('train several initializations on the same data and compare them')
      .option(
        '--inits <list>',
        `comma-separated initializations (${INITIALIZER_NAMES.join(', ')})`,
        NOTEBOOK_INITS.join(','),
      ),
  ).action(async (flags: TrainingFlags & { inits: string }) => (await actions()).compare(flags));
}
