// The course's planar "flower" (planar_utils.load_planar_dataset): two classes of petals
// around the origin, drawn with numpy's legacy normals exactly as the course does.
import { libmCos, libmSin } from '../rng/libm-sincos.js';
import type { RandomState } from '../rng/random-state.js';
import { Matrix } from '../linalg/matrix.js';
import type { Dataset } from './dataset.js';
import { linspace } from './two-class.js';

export interface FlowerOptions {
  /** Total points (the course: 400): ⌊n/2⌋ per class, and for an odd n the course's unfilled point (0, 0) labelled 0. */
  nSamples: number;
  /** Longest petal (the course's `a`: 4). */
  petal?: number;
  /** Standard deviation of the angle and radius noise (the course: 0.2). */
  noise?: number;
}

/**
 * X is (2 × nSamples), Y (1 × nSamples). Like the course, each class gets N = ⌊nSamples/2⌋
 * petal points; for an odd nSamples the course's arrays keep one row it never fills, so the
 * last point is (0, 0) with label 0. That is what load_planar_dataset returns, so it is
 * returned here too rather than dropping the point.
 */
export function makeFlower(
  rs: RandomState,
  { nSamples, petal = 4, noise = 0.2 }: FlowerOptions,
): Dataset {
  const N = Math.floor(nSamples / 2);
  const m = nSamples;
  const X = new Matrix(2, m); // zero-filled, as np.zeros((m, 2))
  const Y = new Matrix(1, m);
  for (let j = 0; j < 2; j++) {
    // t = linspace(j·3.12, (j+1)·3.12, N) + randn(N)·noise; r = a·sin(4t) + randn(N)·noise
    const t = linspace(j * 3.12, (j + 1) * 3.12, N);
    const dt = rs.randn(N);
    for (let i = 0; i < N; i++) t[i] = t[i] + dt[i] * noise;
    const dr = rs.randn(N);
    for (let i = 0; i < N; i++) {
      const r = petal * libmSin(4 * t[i]) + dr[i] * noise;
      const col = j * N + i;
      X.data[col] = r * libmSin(t[i]);
      X.data[m + col] = r * libmCos(t[i]);
      Y.data[col] = j;
    }
  }
  return { X, Y };
}
