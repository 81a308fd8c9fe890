// What `initlab predict` does once its flags are parsed.
import type { Matrix } from '../../nn/matrix.js';
import { UsageError } from '../../errors.js';
import { pyFloat } from '../../format.js';
import { predictProba } from '../../nn/network.js';
import { isPathSpec, readCsvFile } from '../../node/files.js';
import { loadModel } from '../../node/model-file.js';
import { accuracyOf, threshold } from '../../train/metrics.js';
import { toJson } from '../json.js';
import { checkPredict } from '../../limits.js';
import { loadData } from '../setup.js';
import type { PredictFlags } from './predict.js';
import { requireStdout } from '../stdout.js';

/**
 * The data to predict on. A CSV file's labels are never guessed from its values: --labels /
 * --no-labels say, else its header (a last column named label), else its width against the
 * model's inputs (one more column: labels last). Generated data always has labels.
 */
function predictionData(flags: PredictFlags, features: number): { X: Matrix; Y: Matrix | null; labelsFrom: string | null } {
  if (isPathSpec(flags.data)) {
    const labels = flags.labels === undefined ? 'auto' : flags.labels ? 'last' : 'none';
    const t = readCsvFile(flags.data, { labels, features });
    return { X: t.X, Y: t.Y, labelsFrom: t.labelsFrom };
  }
  const d = loadData(flags.data);
  return { X: d.X, Y: flags.labels === false ? null : d.Y, labelsFrom: null };
}

export function predict(flags: PredictFlags): void {
  requireStdout('the predictions');
  const { network } = loadModel(flags.model);
  const { X, Y, labelsFrom } = predictionData(flags, network.dims[0]);
  if (X.rows !== network.dims[0]) throw new UsageError(`the model takes ${network.dims[0]} features, ${flags.data} has ${X.rows}`);
  // the forward pass's buffers and the printed predictions, before they are made
  checkPredict(network.dims, X.cols);
  const probabilities = predictProba(network, X);
  const predictions = threshold(probabilities);
  const accuracy = Y ? accuracyOf(predictions, Y.data) : null;
  if (flags.json) {
    process.stdout.write(`${toJson({ predictions: Array.from(predictions), probabilities: Array.from(probabilities), accuracy, labelled: Y !== null, ...(labelsFrom ? { labels: labelsFrom } : {}) })}\n`);
    return;
  }
  process.stdout.write(`predictions = [${Array.from(predictions).join(' ')}]\n`);
  if (labelsFrom) process.stdout.write(`labels: ${labelsFrom}\n`);
  process.stdout.write(accuracy === null ? 'Accuracy: not computed (the data has no labels)\n' : `Accuracy: ${pyFloat(accuracy)}\n`);
}
