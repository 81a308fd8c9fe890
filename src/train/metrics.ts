// Predictions and accuracy, with the notebook's 0.5 threshold (a > 0.5 → 1).
import type { Dataset } from '../data/dataset.js';
import type { Kernels } from '../nn/kernels.js';
import { type Network } from '../nn/network.js';
import { predictProba } from '../nn/propagation.js';

export function threshold(probabilities: Float64Array): Uint8Array {
  const out = new Uint8Array(probabilities.length);
  for (let j = 0; j < probabilities.length; j++) out[j] = probabilities[j] > 0.5 ? 1 : 0;
  return out;
}

/** Fraction of predictions equal to the labels: np.mean(p == y). */
export function accuracyOf(predictions: ArrayLike<number>, labels: ArrayLike<number>): number {
  let hits = 0;
  for (let j = 0; j < labels.length; j++) if (predictions[j] === labels[j]) hits++;
  return hits / labels.length;
}

export function predictLabels(net: Network, data: Pick<Dataset, 'X'>, k?: Kernels): Uint8Array {
  return threshold(predictProba(net, data.X, k));
}

export function accuracy(net: Network, data: Dataset, k?: Kernels): number {
  return accuracyOf(predictLabels(net, data, k), data.Y.data);
}
