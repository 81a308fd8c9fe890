// What `initlab predict` does once its flags are parsed.
import { UsageError } from '../../errors.js';
import { pyFloat } from '../../format.js';
import { predictProba } from '../../nn/network.js';
import { loadModel } from '../../node/model-file.js';
import { accuracyOf, threshold } from '../../train/metrics.js';
import { toJson } from '../json.js';
import { loadData } from '../setup.js';
import { datasetFromSpec } from '../../data/registry.js';
import { defaultTestSpec } from '../../experiments/test-spec.js';
import { isPathSpec } from '../../node/files.js';

/**
 * The data predict scores when --data is not given: the test set that goes with the data the
 * model was trained on (recorded in the model file), as train would have scored it. A model
 * trained on a CSV file (or whose file does not say) has none: UsageError asking for --data.
 */
function defaultPredictData(trainData: string | undefined, model: string): string {
  const ask = `give --data SPEC or a CSV file to predict on`;
  if (!trainData) throw new UsageError(`${model} does not record its training data, so there is no default test set; ${ask}`);
  if (isPathSpec(trainData)) throw new UsageError(`${model} was trained on the CSV file ${trainData}, which has no default test set; ${ask}`);
  let train;
  try {
    train = datasetFromSpec(trainData);
  } catch {
    throw new UsageError(`${model} was trained on "${trainData}", which has no default test set; ${ask}`);
  }
  return defaultTestSpec(trainData, train);
}
import type { PredictFlags } from './predict.js';

export function predict(flags: PredictFlags): void {
  const { network, meta } = loadModel(flags.model);
  const spec = flags.data ?? defaultPredictData(meta.trainData, flags.model);
  const data = loadData(spec);
  if (data.X.rows !== network.dims[0]) throw new UsageError(`the model takes ${network.dims[0]} features, ${spec} has ${data.X.rows}`);
  const probabilities = predictProba(network, data.X);
  const predictions = threshold(probabilities);
  const accuracy = accuracyOf(predictions, data.Y.data);
  if (flags.json) {
    process.stdout.write(`${toJson({ predictions: Array.from(predictions), probabilities: Array.from(probabilities), accuracy, data: spec })}\n`);
    return;
  }
  if (!flags.data) process.stdout.write(`data: ${spec} (the test set that follows the model's training data)\n`);
  process.stdout.write(`predictions = [${Array.from(predictions).join(' ')}]\n`);
  process.stdout.write(`Accuracy: ${pyFloat(accuracy)}\n`);
}
