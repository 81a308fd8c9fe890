// What `initlab predict` does once its flags are parsed.
import type { Matrix } from '../../linalg/matrix.js';
import { UsageError } from '../../errors.js';
import { pyFloat } from '../../format.js';
import { predictProba } from '../../nn/propagation.js';
import { isPathSpec, readCsvFile } from '../../node/files.js';
import { loadModel } from '../../node/model-file.js';
import { accuracyOf, threshold } from '../../train/metrics.js';
import { toJson } from '../json.js';
import { checkPredict } from '../../limits.js';
import { loadData } from '../setup.js';
import { datasetFromSpec } from '../../data/registry.js';
import { defaultTestSpec } from '../../experiments/test-spec.js';

/**
 * The data predict scores when --data is not given: the test set that goes with the data the
 * model was trained on (recorded in the model file), as train would have scored it. A model
 * trained on a CSV file (or whose file does not say) has none: UsageError asking for --data.
 */
function defaultPredictData(trainData: string | undefined, model: string): string {
  const ask = `give --data SPEC or a CSV file to predict on`;
  if (!trainData)
    throw new UsageError(
      `${model} does not record its training data, so there is no default test set; ${ask}`,
    );
  if (isPathSpec(trainData))
    throw new UsageError(
      `${model} was trained on the CSV file ${trainData}, which has no default test set; ${ask}`,
    );
  let train;
  try {
    train = datasetFromSpec(trainData);
  } catch {
    throw new UsageError(
      `${model} was trained on "${trainData}", which has no default test set; ${ask}`,
    );
  }
  return defaultTestSpec(trainData, train);
}
import type { PredictFlags } from './predict.js';
import { requireStdout } from '../stdout.js';

/**
 * The data to predict on. A CSV file's labels are never guessed from its values: --labels /
 * --no-labels say, else its header (a last column named label), else its width against the
 * model's inputs (one more column: labels last). Generated data always has labels.
 */
function predictionData(
  spec: string,
  labelsFlag: boolean | undefined,
  features: number,
): { X: Matrix; Y: Matrix | null; labelsFrom: string | null } {
  if (isPathSpec(spec)) {
    const labels = labelsFlag === undefined ? 'auto' : labelsFlag ? 'last' : 'none';
    const t = readCsvFile(spec, { labels, features });
    return { X: t.X, Y: t.Y, labelsFrom: t.labelsFrom };
  }
  const d = loadData(spec);
  return { X: d.X, Y: labelsFlag === false ? null : d.Y, labelsFrom: null };
}

export function predict(flags: PredictFlags): void {
  requireStdout('the predictions');
  const { network, meta } = loadModel(flags.model);
  const spec = flags.data ?? defaultPredictData(meta.trainData, flags.model);
  const { X, Y, labelsFrom } = predictionData(spec, flags.labels, network.dims[0]);
  if (X.rows !== network.dims[0])
    throw new UsageError(`the model takes ${network.dims[0]} features, ${spec} has ${X.rows}`);
  // the forward pass's buffers and the printed predictions, before they are made
  checkPredict(network.dims, X.cols);
  const probabilities = predictProba(network, X);
  const predictions = threshold(probabilities);
  const accuracy = Y ? accuracyOf(predictions, Y.data) : null;
  if (flags.json) {
    process.stdout.write(
      `${toJson({ predictions: Array.from(predictions), probabilities: Array.from(probabilities), accuracy, labelled: Y !== null, ...(labelsFrom ? { labels: labelsFrom } : {}), data: spec })}\n`,
    );
    return;
  }
  if (!flags.data)
    process.stdout.write(`data: ${spec} (the test set that follows the model's training data)\n`);
  process.stdout.write(`predictions = [${Array.from(predictions).join(' ')}]\n`);
  if (labelsFrom) process.stdout.write(`labels: ${labelsFrom}\n`);
  process.stdout.write(
    accuracy === null
      ? 'Accuracy: not computed (the data has no labels)\n'
      : `Accuracy: ${pyFloat(accuracy)}\n`,
  );
}
