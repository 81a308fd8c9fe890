// What `initlab predict` does once its flags are parsed.
import { UsageError } from '../../errors.js';
import { pyFloat } from '../../format.js';
import { predictProba } from '../../nn/network.js';
import { loadModel } from '../../node/model-file.js';
import { accuracyOf, threshold } from '../../train/metrics.js';
import { toJson } from '../json.js';
import { checkPredict } from '../../limits.js';
import { loadData } from '../setup.js';
import type { PredictFlags } from './predict.js';

export function predict(flags: PredictFlags): void {
  const { network } = loadModel(flags.model);
  const data = loadData(flags.data);
  if (data.X.rows !== network.dims[0]) throw new UsageError(`the model takes ${network.dims[0]} features, ${flags.data} has ${data.X.rows}`);
  checkPredict(network.dims, data.X.cols);
  const probabilities = predictProba(network, data.X);
  const predictions = threshold(probabilities);
  const accuracy = accuracyOf(predictions, data.Y.data);
  if (flags.json) {
    process.stdout.write(`${toJson({ predictions: Array.from(predictions), probabilities: Array.from(probabilities), accuracy })}\n`);
    return;
  }
  process.stdout.write(`predictions = [${Array.from(predictions).join(' ')}]\n`);
  process.stdout.write(`Accuracy: ${pyFloat(accuracy)}\n`);
}
