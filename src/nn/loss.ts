// Binary cross-entropy, two ways.
// stable: from the logits z, mean(softplus(z) − y·z), finite whenever z is.
// naive: the notebook's formula on a = sigmoid(z), −log(a)·y − log(1 − a)·(1 − y),
//        NaN terms dropped (np.nansum); it overflows to inf when a rounds to 0 or 1.

/** log(1 + e^z) without overflow: max(z, 0) + log1p(e^−|z|), as numpy's logaddexp(0, z). */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

export function stableCrossEntropy(logits: Float64Array, Y: Float64Array, m: number): number {
  let s = 0;
  for (let j = 0; j < m; j++) s += softplus(logits[j]) - Y[j] * logits[j];
  return s / m;
}

export function naiveCrossEntropy(A: Float64Array, Y: Float64Array, m: number): number {
  let s = 0;
  for (let j = 0; j < m; j++) {
    const term = -Math.log(A[j]) * Y[j] + -Math.log(1 - A[j]) * (1 - Y[j]);
    if (!Number.isNaN(term)) s += term;
  }
  return (1.0 / m) * s;
}
