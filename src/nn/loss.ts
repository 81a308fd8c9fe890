// Binary cross-entropy, two ways, both summed over the m examples in numpy's pairwise order
// (./sum.ts) and scaled as the notebook does, (1/m)·Σ.
// naive: the notebook's formula on a = sigmoid(z), (1/m)·np.nansum(−log(a)·y − log(1 − a)·(1 − y));
//        it overflows to inf when a rounds to 0 or 1 (and loses digits as it nears them).
// stable (the default): the same numbers wherever that formula is accurate, the logits' form
//        elsewhere, so that it is finite whenever the logits are and accurate to a few ulps
//        everywhere; it prints the notebook's digits in runs whose outputs stay near 1/2, such
//        as the zeros run.
// log is the C library's (../rng/libm-log.ts), as numpy's np.log is wherever it does not use
// its own AVX-512 loop.
import { libmLog } from '../rng/libm-log.js';
import { numpySum } from './sum.js';

/** log(1 + e^z) without overflow: max(z, 0) + log1p(e^−|z|), as numpy's logaddexp(0, z). */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/**
 * Logits up to this size in magnitude take the notebook's formula in the stable loss: there
 * a = sigmoid(z) lies in [0.27, 0.73], so neither log(a) nor log(1 − a) loses more than a few ulps.
 */
const NOTEBOOK_FORMULA_LIMIT = 1;

// the per-example terms, kept between calls (costs are computed at every record)
let terms = new Float64Array(0);
function termBuffer(m: number): Float64Array {
  if (terms.length < m) terms = new Float64Array(m);
  return terms;
}

/** One example's term of the notebook's formula; NaN (0·inf) counts as 0, as np.nansum does. */
function notebookTerm(a: number, y: number): number {
  const term = -libmLog(a) * y + -libmLog(1 - a) * (1 - y);
  return Number.isNaN(term) ? 0 : term;
}

/**
 * Mean cross-entropy of m logits z (1 × m) against labels Y (1 × m, in [0, 1]): finite whenever
 * the logits are. An example with |z| ≤ 1 takes the notebook's formula on a = 1/(1 + e^−z) (the
 * very operations of the sigmoid layer), any other y·softplus(−z) + (1 − y)·softplus(z), which
 * has no cancellation for any label.
 */
export function stableCrossEntropy(logits: Float64Array, Y: Float64Array, m: number): number {
  const t = termBuffer(m);
  for (let j = 0; j < m; j++) {
    const z = logits[j];
    const y = Y[j];
    if (Math.abs(z) <= NOTEBOOK_FORMULA_LIMIT) {
      const a = 1 / (1 + Math.exp(-z));
      // for a 0/1 label the other log is finite here and enters as +0: skip it, same result
      t[j] = y === 1 ? -libmLog(a) : y === 0 ? -libmLog(1 - a) : notebookTerm(a, y);
    } else t[j] = y * softplus(-z) + (1 - y) * softplus(z);
  }
  return (1.0 / m) * numpySum(t, 0, m);
}

/**
 * The notebook's cost of probabilities A (1 × m) against labels Y (1 × m): NaN terms count as 0
 * (np.nansum replaces them in place), then 1/m times the pairwise sum. Infinity when a
 * probability of the wrong class rounds to exactly 0.
 */
export function naiveCrossEntropy(A: Float64Array, Y: Float64Array, m: number): number {
  const t = termBuffer(m);
  for (let j = 0; j < m; j++) t[j] = notebookTerm(A[j], Y[j]);
  return (1.0 / m) * numpySum(t, 0, m);
}
