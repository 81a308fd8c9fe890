// Small seeded 2-d problems in the spirit of TensorFlow Playground's datasets (its
// dataset.ts), drawn with initlab's numpy-compatible RandomState.
import { libmCos, libmSin } from '../rng/libm-sincos.js';
import type { RandomState } from '../rng/random-state.js';
import { Matrix } from '../linalg/matrix.js';
import type { Dataset } from './dataset.js';

function build(n: number, point: (i: number) => [number, number, number]): Dataset {
  const X = new Matrix(2, n);
  const Y = new Matrix(1, n);
  for (let i = 0; i < n; i++) {
    const [x, y, label] = point(i);
    X.data[i] = x;
    X.data[n + i] = y;
    Y.data[i] = label;
  }
  return { X, Y };
}

/** Points uniform in [-1, 1]², label 1 where x·y < 0 (the XOR quadrants), then Gaussian noise on the coordinates. */
export function makeXor(rs: RandomState, n: number, noise: number): Dataset {
  return build(n, () => {
    const x = rs.uniform(-1, 1, 1)[0];
    const y = rs.uniform(-1, 1, 1)[0];
    const label = x * y < 0 ? 1 : 0;
    return [x + noise * rs.gaussian(), y + noise * rs.gaussian(), label];
  });
}

/** Two Gaussian blobs of standard deviation `spread` around (−d, −d) (label 0) and (d, d) (label 1), alternating. */
export function makeBlobs(rs: RandomState, n: number, spread: number, distance: number): Dataset {
  return build(n, (i) => {
    const label = i % 2;
    const c = label ? distance : -distance;
    return [c + spread * rs.gaussian(), c + spread * rs.gaussian(), label];
  });
}

/** Two interleaved spirals (half the points each), radius growing to 1 over `turns` turns, Gaussian noise added. */
export function makeSpiral(rs: RandomState, n: number, noise: number, turns: number): Dataset {
  const half = Math.floor(n / 2);
  return build(n, (i) => {
    const label = i < half ? 0 : 1;
    const k = label ? i - half : i;
    const count = label ? n - half : half;
    const r = (k + 1) / count;
    const t = 2 * Math.PI * turns * r + (label ? Math.PI : 0);
    return [r * libmSin(t) + noise * rs.gaussian(), r * libmCos(t) + noise * rs.gaussian(), label];
  });
}
