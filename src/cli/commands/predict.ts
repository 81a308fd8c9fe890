// `initlab predict`: a saved model's predictions on a dataset.
import type { Command } from 'commander';
import { NOTEBOOK_TEST_SPEC } from '../../experiments/notebook-config.js';

export interface PredictFlags {
  model: string;
  /** Absent: the test set that follows the model's training data (see experiments/test-spec.ts). */
  data?: string;
  json?: boolean;
  /** --labels / --no-labels: whether a CSV's last column holds labels (undefined: its header or width says). */
  labels?: boolean;
}

export function registerPredictCommand(program: Command): void {
  program
    .command('predict')
    .description(
      'predict with a model saved by initlab train --save; prints accuracy where the data has labels',
    )
    .requiredOption('--model <file>', 'a model file written by initlab train --save')
    .option(
      '--data <spec>',
      `NAME[:key=value,...] or a CSV file (default: the test set that follows the model's training data, e.g. ${NOTEBOOK_TEST_SPEC} for the notebook's)`,
    )
    .option(
      '--json',
      'print {"predictions":[...],"probabilities":[...],"accuracy":x,"data":spec} (accuracy null without labels)',
    )
    .option(
      '--labels',
      'the CSV\'s last column holds 0/1 labels (default: a header naming it "label" says, else one column more than the model\'s inputs)',
    )
    .option('--no-labels', 'every column of the CSV is a feature: predictions only')
    .action(async (flags: PredictFlags) => (await import('./predict-action.js')).predict(flags));
}
