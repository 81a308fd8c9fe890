// Do the layers fit the data? One check for every command that trains (train, compare,
// notebook, sweep, gradcheck), so each refuses the same mistakes in the same words.
import type { Dataset } from '../data/dataset.js';
import { UsageError } from '../errors.js';

/**
 * Throws UsageError unless `layers` starts with the training data's feature count and ends
 * with 1 output, and the test data (when given) has as many features as the training data.
 */
export function checkShapes(layers: number[], train: Dataset, test?: Dataset | null): void {
  if (layers[0] !== train.X.rows)
    throw new UsageError(
      `--layers starts with ${layers[0]} inputs but the training data has ${train.X.rows} features`,
    );
  if (test && test.X.rows !== train.X.rows)
    throw new UsageError(
      `the test data has ${test.X.rows} features, the training data ${train.X.rows}`,
    );
  if (layers[layers.length - 1] !== 1)
    throw new UsageError(
      `--layers must end with 1 (one sigmoid output for two classes), got ${layers[layers.length - 1]}`,
    );
}
