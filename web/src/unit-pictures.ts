// What the network view draws for one run: every unit's output over the input plane (a
// small picture per unit, as TensorFlow Playground shows), its activations' histogram on the
// training data, the gradient of its incoming weights, and the weights themselves.
import type { Dataset } from '../../src/data/dataset.js';
import type { Kernels } from '../../src/nn/kernels.js';
import { Matrix } from '../../src/linalg/matrix.js';
import type { Network } from '../../src/nn/network.js';
import { backward, forward } from '../../src/nn/propagation.js';
import { stage } from '../../src/nn/stage.js';
import { histogram } from '../../src/train/diagnostics.js';
import type { NetworkPicture } from './job.js';

/** Side of each unit's picture, in cells: small enough to compute every frame, large enough to see a shape. */
export const PICTURE_SIZE = 16;
/** Networks with more hidden units than this are drawn without pictures (the page would not keep up). */
export const MAX_PICTURED_UNITS = 256;
const HISTOGRAM_BINS = 12;

/** PICTURE_SIZE² points of extent² (features × points), row 0 at the top, as src/plot/grid.ts orders them. */
function planeGrid(extent: [number, number]): Matrix {
  const [lo, hi] = extent;
  const n = PICTURE_SIZE;
  const step = (hi - lo) / n;
  const X = new Matrix(2, n * n);
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      X.data[r * n + c] = lo + (c + 0.5) * step;
      X.data[n * n + r * n + c] = hi - (r + 0.5) * step;
    }
  }
  return X;
}

/** The row norm ‖M[u, :]‖₂ of each of the `rows` rows of a row-major matrix with `cols` columns. */
function rowNorms(M: Float64Array, rows: number, cols: number): number[] {
  return Array.from({ length: rows }, (_, u) => {
    let s = 0;
    for (let j = 0; j < cols; j++) s += M[u * cols + j] ** 2;
    return Math.sqrt(s);
  });
}

/**
 * The picture of `net` on `train` over the square extent². Only for networks with 2 input
 * features (the plane) and at most MAX_PICTURED_UNITS hidden units; null otherwise.
 */
export function networkPicture(
  net: Network,
  train: Dataset,
  extent: [number, number],
  kernels: Kernels,
): NetworkPicture | null {
  const hidden = net.dims.slice(1, -1).reduce((s, n) => s + n, 0);
  if (net.dims[0] !== 2 || hidden > MAX_PICTURED_UNITS) return null;
  const plane = planeGrid(extent);
  const onPlane = stage(net, plane, null, kernels);
  forward(onPlane.net, onPlane.X, onPlane.ws, kernels);
  // a forward and a backward pass on the training data: each unit's spread and gradient now
  const onData = stage(net, train.X, train.Y, kernels);
  forward(onData.net, onData.X, onData.ws, kernels);
  backward(onData.net, onData.X, onData.Y!, onData.ws, kernels);
  const m = train.X.cols;
  const layers = net.W.map((W, l) => {
    const units = net.dims[l + 1];
    const A = onData.ws.A[l];
    const histograms = Array.from({ length: units }, (_, u) => {
      const a = A.subarray(u * m, (u + 1) * m);
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of a) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
      }
      if (!(hi > lo)) {
        lo -= 0.5;
        hi += 0.5;
      } // a constant unit (a dead ReLU, or zeros) gets one visible bar
      return histogram(a, HISTOGRAM_BINS, lo, hi);
    });
    return {
      units,
      pictures: onPlane.ws.A[l].slice(),
      weights: W.data.slice(),
      gradients: rowNorms(onData.ws.dW[l], units, net.dims[l]),
      histograms,
    };
  });
  return { size: PICTURE_SIZE, inputs: plane.data.slice(), layers };
}
