// Binary cross-entropy, two ways.
// stable: from the logits z, mean(softplus(z) − y·z), finite whenever z is; numpy:
//         np.mean(np.logaddexp(0, z) − y·z).
// naive: the notebook's formula on a = sigmoid(z), (1/m)·np.nansum(−log(a)·y − log(1 − a)·(1 − y));
//        it overflows to inf when a rounds to 0 or 1.
// Both sum their m terms in numpy's pairwise order (./sum.ts), so that a cost equals the
// notebook's to the last digit whenever the terms do (the zeros run: every term is log 2).
import { numpySum } from './sum.js';

/** log(1 + e^z) without overflow: max(z, 0) + log1p(e^−|z|), as numpy's logaddexp(0, z). */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

// the per-example terms, kept between calls (costs are computed at every record)
let terms = new Float64Array(0);
function termBuffer(m: number): Float64Array {
  if (terms.length < m) terms = new Float64Array(m);
  return terms;
}

/** Mean cross-entropy of m logits (1 × m) against 0/1 labels Y (1 × m), as np.mean: the pairwise sum divided by m. */
export function stableCrossEntropy(logits: Float64Array, Y: Float64Array, m: number): number {
  const t = termBuffer(m);
  for (let j = 0; j < m; j++) t[j] = softplus(logits[j]) - Y[j] * logits[j];
  return numpySum(t, 0, m) / m;
}

/**
 * The notebook's cost of probabilities A (1 × m) against labels Y (1 × m): NaN terms count as 0
 * (np.nansum replaces them in place), then 1/m times the pairwise sum. Infinity when a
 * probability of the wrong class rounds to exactly 0.
 */
export function naiveCrossEntropy(A: Float64Array, Y: Float64Array, m: number): number {
  const t = termBuffer(m);
  for (let j = 0; j < m; j++) {
    const term = -Math.log(A[j]) * Y[j] + -Math.log(1 - A[j]) * (1 - Y[j]);
    t[j] = Number.isNaN(term) ? 0 : term;
  }
  return (1.0 / m) * numpySum(t, 0, m);
}
