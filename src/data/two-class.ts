// What make_circles and make_moons share in scikit-learn (sklearn/datasets/_samples_generator.py):
// two point sets stacked as (outer, inner), optionally shuffled with
// sklearn.utils.shuffle, then Gaussian noise added with the same RandomState.
import type { RandomState } from '../rng/random-state.js';
import { Matrix } from '../linalg/matrix.js';
import type { Dataset } from './dataset.js';

export interface TwoClassPoints {
  x: Float64Array; // first coordinate of every point, outer (label 0) then inner (label 1)
  y: Float64Array;
  nOuter: number;
}

/**
 * numpy's linspace(start, stop, num, endpoint): i·step + start, last set to stop when endpoint.
 * One point with endpoint has no step (numpy: [start]); 0·(stop − start)/0 would be NaN.
 */
export function linspace(start: number, stop: number, num: number, endpoint = true): Float64Array {
  const out = new Float64Array(num);
  const div = endpoint ? num - 1 : num;
  if (div <= 0) {
    out.fill(start);
    return out;
  }
  const step = (stop - start) / div;
  for (let i = 0; i < num; i++) out[i] = i * step + start;
  if (endpoint && num > 1) out[num - 1] = stop;
  return out;
}

/** A point of an arc at angle t, as its coordinates [x, y]. */
export type ArcPoint = (t: number) => [number, number];

/**
 * Two arcs as scikit-learn lays them out: the first n // 2 points (label 0) at
 * linspace(0, span, n // 2, endpoint) on `outer`, the other n − n // 2 (label 1) at the
 * same kind of angles on `inner`.
 */
export function twoArcs(
  nSamples: number,
  span: number,
  endpoint: boolean,
  outer: ArcPoint,
  inner: ArcPoint,
): TwoClassPoints {
  const nOuter = Math.floor(nSamples / 2);
  const x = new Float64Array(nSamples);
  const y = new Float64Array(nSamples);
  const place = (from: number, count: number, arc: ArcPoint) => {
    const t = linspace(0, span, count, endpoint);
    for (let i = 0; i < count; i++) [x[from + i], y[from + i]] = arc(t[i]);
  };
  place(0, nOuter, outer);
  place(nOuter, nSamples - nOuter, inner);
  return { x, y, nOuter };
}

export function finishTwoClass(
  points: TwoClassPoints,
  rs: RandomState,
  shuffle: boolean,
  noise: number,
): Dataset {
  const n = points.x.length;
  // rows of the (n × 2) array numpy builds, and their labels
  const order = Array.from({ length: n }, (_, i) => i);
  if (shuffle) rs.shuffle(order); // resample(replace=False) shuffles arange(n) with this RandomState
  const X = new Matrix(2, n);
  const Y = new Matrix(1, n);
  for (let j = 0; j < n; j++) {
    const src = order[j];
    X.data[j] = points.x[src];
    X.data[n + j] = points.y[src];
    Y.data[j] = src < points.nOuter ? 0 : 1;
  }
  if (noise > 0) {
    // generator.normal(scale=noise, size=(n, 2)): row-major over (point, coordinate)
    for (let j = 0; j < n; j++) {
      X.data[j] += noise * rs.gaussian();
      X.data[n + j] += noise * rs.gaussian();
    }
  }
  return { X, Y };
}
