// The data and weights bench/peers/numpy_scaling.py starts from, drawn the same way with
// initlab's RandomState (numpy's generator, bit for bit), so that initlab and numpy train the
// same network and their costs can be compared before either is timed: RandomState(0) gives
// X = randn(n0, m), Y = rand(1, m) > 0.5, then W_l = randn(n_l, n_{l-1}) · sqrt(2 / n_{l-1}), b_l = 0.
import { Matrix, RandomState, initializeNetwork, initializers } from '../dist/index.js';

/** { X (n0 × m), Y (1 × m), net() → a fresh copy of the starting network } */
export function numpyStart(dims, m) {
  const rs = new RandomState(0);
  const X = new Matrix(dims[0], m, rs.randn(dims[0] * m));
  const Y = new Matrix(
    1,
    m,
    Float64Array.from(rs.randomSample(m), (u) => (u > 0.5 ? 1 : 0)),
  );
  const W = dims
    .slice(1)
    .map((n, l) => Float64Array.from(rs.randn(n * dims[l]), (v) => v * Math.sqrt(2 / dims[l])));
  const net = () => {
    const fresh = initializeNetwork(dims, initializers.zeros);
    fresh.W.forEach((w, l) => w.data.set(W[l]));
    return fresh;
  };
  return { X, Y, net };
}

/** Largest relative difference between two costs (or lists of them). */
export const relDiff = (a, b) =>
  Math.max(...[b].flat().map((x, i) => Math.abs([a].flat()[i] - x) / Math.abs(x)));
