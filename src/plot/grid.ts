// The model's probability over a square of the plane, for decision-boundary plots.
import type { Dataset } from '../data/dataset.js';
import { Matrix } from '../linalg/matrix.js';
import { type Network } from '../nn/network.js';
import { predictProba } from '../nn/propagation.js';

export interface ProbabilityGrid {
  /** Row-major, row 0 at the top (largest x2), column 0 at the left (smallest x1). */
  values: Float64Array;
  size: number;
  extent: [number, number];
}

/** Probabilities at the centres of a size × size grid over extent² (default the notebook's [-1.5, 1.5]). */
export function probabilityGrid(
  net: Network,
  size = 120,
  extent: [number, number] = [-1.5, 1.5],
): ProbabilityGrid {
  const [lo, hi] = extent;
  const step = (hi - lo) / size;
  const X = new Matrix(2, size * size);
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const j = r * size + c;
      X.data[j] = lo + (c + 0.5) * step;
      X.data[size * size + j] = hi - (r + 0.5) * step;
    }
  }
  return { values: predictProba(net, X), size, extent };
}

/** The notebook's [-1.5, 1.5]² unless the data reaches beyond it (the flower does), then a square around it all. */
export function plotExtent(d: Dataset): [number, number] {
  let r = 1.5;
  for (let i = 0; i < d.X.data.length; i++) r = Math.max(r, Math.abs(d.X.data[i]) * 1.1);
  r = r === 1.5 ? r : Math.ceil(r * 2) / 2;
  return [-r, r];
}
