// Inputs for the measurements: N × m matrices (units × examples, row-major) of exactly
// known length and, for pairs, exactly known correlation.
import type { RandomState } from '../rng/random-state.js';

/**
 * `pairs` pairs of inputs (columns 2p, 2p+1) with ‖x‖²/N = q0 each and correlation c0
 * within each pair: Gram–Schmidt on two Gaussian vectors, then scaled.
 */
export function pairInputs(
  rs: RandomState,
  n: number,
  pairs: number,
  q0: number,
  c0: number,
): Float64Array {
  const m = 2 * pairs;
  const X = new Float64Array(n * m);
  const scale = Math.sqrt(n * q0);
  for (let p = 0; p < pairs; p++) {
    const u = rs.randn(n);
    const v = rs.randn(n);
    const nu = norm(u);
    for (let i = 0; i < n; i++) u[i] /= nu;
    let dot = 0;
    for (let i = 0; i < n; i++) dot += u[i] * v[i];
    for (let i = 0; i < n; i++) v[i] -= dot * u[i];
    const nv = norm(v);
    const s = Math.sqrt(1 - c0 * c0);
    for (let i = 0; i < n; i++) {
      X[i * m + 2 * p] = scale * u[i];
      X[i * m + 2 * p + 1] = scale * (c0 * u[i] + (s * v[i]) / nv);
    }
  }
  return X;
}

const norm = (a: Float64Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * a[i];
  return Math.sqrt(s);
};

/** m inputs of N(0, 1) entries (N × m). */
export const gaussianInputs = (rs: RandomState, n: number, m: number): Float64Array =>
  rs.randn(n * m);
