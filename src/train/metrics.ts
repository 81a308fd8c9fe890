// Predictions and accuracy, with the notebook's 0.5 threshold (a > 0.5 → 1).
import type { Dataset } from '../data/dataset.js';
import type { Kernels } from '../nn/kernels.js';
import { type Network } from '../nn/network.js';
import { predictProba } from '../nn/propagation.js';

/** The notebook's predictions: 1 where the probability is > 0.5, else 0 (one per example). */
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

/**
 * 0/1 predictions of `net` for the examples of X (n_0 × m): m labels.
 * @throws DataError when X does not have the network's n_0 features
 */
export function predictLabels(net: Network, data: Pick<Dataset, 'X'>, k?: Kernels): Uint8Array {
  return threshold(predictProba(net, data.X, k));
}

/**
 * Fraction of the m examples of `data` that `net` labels right, as np.mean(predictions == Y).
 * @throws DataError when X does not have the network's n_0 features
 */
export function accuracy(net: Network, data: Dataset, k?: Kernels): number {
  return accuracyOf(predictLabels(net, data, k), data.Y.data);
}
