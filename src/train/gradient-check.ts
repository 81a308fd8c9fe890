// Gradient checking, as the course teaches it: compare backprop's gradient g with the
// two-sided difference g̃ = (J(θ + ε) − J(θ − ε)) / 2ε for every parameter, and report
// ‖g − g̃‖ / (‖g‖ + ‖g̃‖): about 1e-7 or less means backprop is right.
//
// The cost J decides how small the difference can get: the course's formula takes
// log(1 − a) of a rounded sigmoid, whose rounding error, divided by 2ε, floors the difference
// near 1e-7 on its N-dimensional case; the stable one (from the logits) goes down to ~1e-9.
import { type Dataset, validateDataset } from '../data/dataset.js';
import { DataError } from '../errors.js';
import { type Activation, relu, sigmoid } from '../nn/activations.js';
import { naiveCrossEntropy, stableCrossEntropy } from '../nn/loss.js';
import { Matrix } from '../linalg/matrix.js';
import { checkDims, type Network } from '../nn/network.js';
import { backward, forward } from '../nn/propagation.js';
import { Workspace } from '../nn/workspace.js';
import { RandomState } from '../rng/random-state.js';
import { scaledNorm } from './diagnostics.js';
import { checkStop, type ShouldStop } from '../stop.js';

/** The cost differentiated: `stable` from the logits, or `naive`, the course's −log(a)·y − log(1 − a)·(1 − y) on a = sigmoid(z). */
export type GradientCheckLoss = 'stable' | 'naive';

/** Options of gradientCheck. */
export interface GradientCheckOptions {
  /** The finite-difference step (default 1e-7, the course's). */
  epsilon?: number;
  /** Default `stable`. */
  loss?: GradientCheckLoss;
  /** With a parameter dictionary: the activation of layers 1..L (default ReLU, then sigmoid at the output, as the course's case). */
  activations?: readonly Activation[];
  /** Checked before each parameter: true ends the check (it throws StopRequested). Two forward passes per parameter make it long. */
  shouldStop?: ShouldStop;
  /** Told how many of the `total` parameters are done, about every 1% of them. */
  onProgress?: (done: number, total: number) => void;
}

/** The course's parameter dictionary: { W1 (n1 × n0), b1 (n1 × 1), W2, b2, … } as nested rows. */
export type ParameterDict = Record<string, ArrayLike<ArrayLike<number>>>;

/** X (features × m) and Y (1 × m, or a flat list of m labels), as nested arrays or matrices. */
export interface ExamplesInput {
  /** The examples as columns (features × m), as a Matrix or nested rows. */
  X: Matrix | ArrayLike<ArrayLike<number>>;
  /** The 0/1 labels: m values, or (1 × m). */
  Y: Matrix | ArrayLike<number> | ArrayLike<ArrayLike<number>>;
}

/**
 * The course's gradient_check_n_test_case(): np.random.seed(1); x = randn(4, 3) (4 features ×
 * 3 examples); y = [1, 1, 0]; then W1 (5 × 4), b1 (5 × 1), W2 (3 × 5), b2 (3 × 1), W3 (1 × 3),
 * b3 (1 × 1), drawn in that order from the same stream. Its network is relu, relu, sigmoid.
 */
export function courseGradientCheckCase(): {
  /** W1 … b3 as nested rows. */
  parameters: Record<string, number[][]>;
  /** x (4 × 3) as nested rows. */
  X: number[][];
  /** y: 3 labels. */
  Y: number[];
} {
  const rs = new RandomState(1);
  const draw = (rows: number, cols: number): number[][] => {
    const d = rs.randn(rows * cols);
    return Array.from({ length: rows }, (_, i) => Array.from(d.subarray(i * cols, (i + 1) * cols)));
  };
  const X = draw(4, 3);
  const parameters: Record<string, number[][]> = {};
  for (const [key, rows, cols] of [
    ['W1', 5, 4],
    ['b1', 5, 1],
    ['W2', 3, 5],
    ['b2', 3, 1],
    ['W3', 1, 3],
    ['b3', 1, 1],
  ] as const)
    parameters[key] = draw(rows, cols);
  return { parameters, X, Y: [1, 1, 0] };
}

const isNetwork = (p: Network | ParameterDict): p is Network =>
  Array.isArray((p as Network).W) && Array.isArray((p as Network).dims);

/** A network from the course's dictionary; W_l's shapes must chain. */
function networkFromDict(params: ParameterDict, activations?: readonly Activation[]): Network {
  const W: Matrix[] = [];
  const b: Matrix[] = [];
  for (let l = 1; `W${l}` in params; l++) {
    const w = Matrix.fromRows(params[`W${l}`]);
    if (!(`b${l}` in params)) throw new DataError(`parameters: W${l} has no b${l}`);
    const bias = Matrix.fromRows(params[`b${l}`]);
    if (bias.rows !== w.rows || bias.cols !== 1)
      throw new DataError(
        `parameters: b${l} must have shape (${w.rows}, 1), got (${bias.rows}, ${bias.cols})`,
      );
    if (l > 1 && w.cols !== W[l - 2].rows)
      throw new DataError(
        `parameters: W${l} takes ${w.cols} inputs but layer ${l - 1} has ${W[l - 2].rows} units`,
      );
    W.push(w);
    b.push(bias);
  }
  if (!W.length) throw new DataError('parameters: no W1');
  const dims = [W[0].cols, ...W.map((w) => w.rows)];
  checkDims(dims);
  const acts = activations ?? [...W.slice(1).map(() => relu), sigmoid];
  if (acts.length !== W.length)
    throw new DataError(
      `parameters: ${W.length} layers need ${W.length} activations, got ${acts.length}`,
    );
  if (acts[acts.length - 1].name !== 'sigmoid')
    throw new DataError('the output layer must be sigmoid (binary cross-entropy)');
  return { dims, activations: acts, W, b };
}

function datasetOf(data: Dataset | ExamplesInput): Dataset {
  const X = data.X instanceof Matrix ? data.X : Matrix.fromRows(data.X);
  let Y: Matrix;
  if (data.Y instanceof Matrix) Y = data.Y;
  else {
    const y = data.Y as ArrayLike<unknown>;
    Y =
      y.length && typeof y[0] === 'number'
        ? new Matrix(1, y.length, Float64Array.from(y as ArrayLike<number>))
        : Matrix.fromRows(data.Y as ArrayLike<ArrayLike<number>>);
  }
  return validateDataset({ X, Y });
}

/** What a gradient check found, beyond the difference itself. */
export interface GradientCheckResult {
  /** ‖g − g̃‖ / (‖g‖ + ‖g̃‖), the course's number. */
  difference: number;
  /**
   * The part of `difference` that the rounding of the nudges alone makes: θ ± ε is rounded to
   * float64, so the step actually taken, h = fl(θ + ε) − fl(θ − ε), is not 2ε when |θ| ≫ ε
   * (and 0 when ε is below half an ulp of θ); g̃ is then off by the factor h / 2ε. This is
   * ‖g ∘ (h − 2ε) / 2ε‖ / (‖g‖ + ‖g̃‖). Dimensionless.
   */
  nudgeDifference: number;
  /** The largest |θ| of the parameters checked. */
  largestParameter: number;
  /**
   * u·max|θ|/ε with u = 2^-53: the relative error that rounding alone leaves in a central
   * difference whose nudge is ε/|θ| of the parameter (the nudge's own rounding, and the cost's
   * rounding divided by a change of about |J|·ε/|θ|). A difference near or below it says
   * nothing about backpropagation. For the notebook's He net it is 2e-9; for random ×1000, 3e-6.
   */
  roundingFloor: number;
  /** ε, and the smallest power of ten ≥ 1e-7·max|θ| (a relative nudge like the course's ε on θ ≈ 1). */
  epsilon: number;
  suggestedEpsilon: number;
  /** The cost J at the parameters checked (nats per example). */
  cost: number;
  /**
   * GRADIENT_FLOOR_ULPS · 2^-53 · |J| / ε: how large a difference quotient the rounding of the
   * two costs alone can make (each J is a mean of non-negative losses, rounded to a few units in
   * the last place of |J|; their difference is divided by 2ε). In the cost's units per unit of
   * parameter. A gradient component at or below it is zero as far as the check can tell.
   */
  gradientFloor: number;
  /** max |g_k| over the parameters: backpropagation's largest component. */
  largestGradient: number;
  /** max |g̃_k|: the finite differences' largest component. */
  largestApprox: number;
  /** max |g_k − g̃_k|, and the parameter where it is (`W2[3][0]`, `b1[4]`: 0-based row, column). */
  largestDisagreement: number;
  worstParameter: string;
  /**
   * The course's ratio over the other parameters only: those where g_k or g̃_k is above
   * `gradientFloor` (0 when there are none). Where both are within the floor the gradient is
   * zero as far as ε can tell, and their rounding noise would otherwise weigh on the ratio.
   */
  resolvedDifference: number;
  /** How many parameters have |g_k| and |g̃_k| both at or below `gradientFloor`, of `parameters`. */
  zeroGradients: number;
  parameters: number;
  /**
   * How many hidden pre-activations (of n_l × m per layer) lie within a nudge of a kink of their
   * activation (ReLU's at 0): there the two-sided difference averages the slopes on either side
   * while backpropagation takes one of them, so the two may legitimately differ.
   */
  kinks: number;
}

/**
 * Multiple of 2^-53·|J|/ε taken as the rounding floor of a difference quotient. Measured: the
 * zero gradients of zero-initialized nets on circles, moons and flower, and of a vanishing
 * six-layer tanh net, give quotients of at most about 1.5 of these units; 64 leaves room for
 * larger nets and longer sums. At |J| ≈ 0.69 and ε = 1e-7 the floor is 4.9e-8.
 */
export const GRADIENT_FLOOR_ULPS = 64;

/** The name of flat parameter k of a network: `W2[3][0]` (row 3, column 0) or `b1[4]`. */
function parameterName(dims: readonly number[], k: number): string {
  let rest = k;
  for (let l = 1; l < dims.length; l++) {
    const w = dims[l] * dims[l - 1];
    if (rest < w) return `W${l}[${Math.floor(rest / dims[l - 1])}][${rest % dims[l - 1]}]`;
    rest -= w;
    if (rest < dims[l]) return `b${l}[${rest}]`;
    rest -= dims[l];
  }
  return `parameter ${k + 1}`;
}

/**
 * Hidden pre-activations whose activation bends within ±h of them, h = ε·max(1, max|a_{l−1}|)
 * (how far nudging one weight or bias of the layer moves z): the slopes (f(z+h) − f(z))/h and
 * (f(z) − f(z−h))/h differ by more than max(1e-3, 2h) of their size and more than the rounding
 * of f's values. A smooth activation's slopes differ by a fraction |f''|·h / (2|f'|) of their
 * size, at most tanh(h) < h for tanh (tanh(h/2) for sigmoid, ELU's and SELU's exponential side):
 * under 2h, so a large ε's curvature is not taken for a kink (its difference is truncation
 * error, and the verdict says so), while a kink's slopes differ by a fraction near 1.
 */
function countKinks(network: Network, X: Matrix, ws: Workspace, epsilon: number): number {
  let kinks = 0;
  for (let l = 0; l < network.W.length - 1; l++) {
    const z = ws.Z[l];
    const prev = l === 0 ? X.data : ws.A[l - 1];
    let reach = 1;
    for (const v of prev) reach = Math.max(reach, Math.abs(v));
    const h = epsilon * reach;
    const bend = Math.max(1e-3, 2 * h);
    const n = z.length;
    const up = new Float64Array(n),
      down = new Float64Array(n),
      at = new Float64Array(n),
      fUp = new Float64Array(n),
      fDown = new Float64Array(n),
      fAt = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      up[i] = z[i] + h;
      down[i] = z[i] - h;
      at[i] = z[i];
    }
    const f = network.activations[l];
    f.forward(up, fUp, n);
    f.forward(down, fDown, n);
    f.forward(at, fAt, n);
    for (let i = 0; i < n; i++) {
      const right = fUp[i] - fAt[i],
        left = fAt[i] - fDown[i];
      // beyond 1e-3 of the slopes and beyond the rounding of f's values themselves
      const noise = 8 * 2 ** -52 * Math.max(Math.abs(fUp[i]), Math.abs(fAt[i]), Math.abs(fDown[i]));
      if (Math.abs(right - left) > bend * (Math.abs(right) + Math.abs(left)) + noise) kinks++;
    }
  }
  return kinks;
}

/**
 * The course's gradient check: ‖g − g̃‖ / (‖g‖ + ‖g̃‖) over every weight and bias, g from
 * backpropagation and g̃ = (J(θ + ε) − J(θ − ε)) / 2ε, each parameter nudged in turn (the
 * course's gradient_check_n). `net` is a Network or the course's dictionary {W1, b1, …};
 * `data` a Dataset or {X (features × m), Y (1 × m or m labels)}. Parameters are restored
 * after each nudge. Dimensionless; 0 when both gradients are 0.
 * @throws DataError when the shapes of the parameters and the data do not fit, and when the cost,
 * a nudged cost, a difference quotient or a backpropagated gradient is not a finite number.
 */
export function gradientCheck(
  net: Network | ParameterDict,
  data: Dataset | ExamplesInput,
  options: number | GradientCheckOptions = {},
): number {
  return gradientCheckDetails(net, data, options).difference;
}

/**
 * gradientCheck with what limits its verdict: how much of the difference the rounding of the
 * nudges θ ± ε makes by itself (large when the parameters are so large that ε is near or
 * below their float64 spacing), the largest parameter, and an ε that double precision
 * resolves there. Same arguments and errors as gradientCheck.
 */
export function gradientCheckDetails(
  net: Network | ParameterDict,
  data: Dataset | ExamplesInput,
  options: number | GradientCheckOptions = {},
): GradientCheckResult {
  const o: GradientCheckOptions = typeof options === 'number' ? { epsilon: options } : options;
  const epsilon = o.epsilon ?? 1e-7;
  const network = isNetwork(net) ? net : networkFromDict(net, o.activations);
  const { X, Y } = datasetOf(data);
  if (X.rows !== network.dims[0])
    throw new DataError(`the data has ${X.rows} features but the network takes ${network.dims[0]}`);
  const ws = new Workspace(network.dims, X.cols);
  const cost =
    o.loss === 'naive'
      ? () => {
          forward(network, X, ws);
          return naiveCrossEntropy(ws.output, Y.data, X.cols);
        }
      : () => {
          forward(network, X, ws);
          return stableCrossEntropy(ws.logits, Y.data, X.cols);
        };
  const base = cost();
  if (!Number.isFinite(base))
    throw new DataError(
      `gradient check: the cost at these parameters is ${base} (the network's outputs left float64's range), so there is no gradient to check; use a smaller initialization`,
    );
  const kinks = countKinks(network, X, ws, epsilon);
  backward(network, X, Y, ws);
  const grads = ws.gradients.map((g) => g.slice());
  const params = network.W.flatMap((w, l) => [w.data, network.b[l].data]);
  const total = params.reduce((s, P) => s + P.length, 0);
  const every = Math.max(1, Math.floor(total / 100));
  // kept whole so that their norms can be scaled: squares of finite gradients beyond ~1e154
  // overflow, and the ratio would come out Infinity / Infinity = NaN
  const g = new Float64Array(total),
    approx = new Float64Array(total),
    diff = new Float64Array(total);
  const nudgeError = new Float64Array(total);
  let largest = 0;
  let k = 0;
  params.forEach((P, p) => {
    for (let i = 0; i < P.length; i++, k++) {
      checkStop(o.shouldStop, 'the gradient check');
      if (k % every === 0) o.onProgress?.(k, total);
      const keep = P[i];
      largest = Math.max(largest, Math.abs(keep));
      P[i] = keep + epsilon;
      const up = P[i];
      const plus = cost();
      P[i] = keep - epsilon;
      const minus = cost();
      const step = up - P[i]; // the step taken, exact (two floats close together)
      P[i] = keep;
      g[k] = grads[p][i];
      approx[k] = (plus - minus) / (2 * epsilon);
      if (!Number.isFinite(g[k]) || !Number.isFinite(approx[k])) {
        const what = !Number.isFinite(g[k])
          ? `backpropagation's gradient is ${g[k]}`
          : `the cost nudged by ±${epsilon} is ${plus} / ${minus}, a difference quotient of ${approx[k]}`;
        throw new DataError(
          `gradient check: at parameter ${k + 1} of ${total}, ${what} (values beyond float64's range); use a smaller initialization or --epsilon`,
        );
      }
      diff[k] = g[k] - approx[k];
      nudgeError[k] = g[k] * ((step - 2 * epsilon) / (2 * epsilon));
    }
  });
  o.onProgress?.(total, total);
  const denom = scaledNorm(g) + scaledNorm(approx);
  const difference = denom === 0 ? 0 : scaledNorm(diff) / denom;
  const nudgeDifference = denom === 0 ? 0 : scaledNorm(nudgeError) / denom;
  const gradientFloor = (GRADIENT_FLOOR_ULPS * 2 ** -53 * Math.abs(base)) / epsilon;
  let largestGradient = 0,
    largestApprox = 0,
    largestDisagreement = 0,
    worst = 0,
    zeroGradients = 0;
  for (let i = 0; i < total; i++) {
    largestGradient = Math.max(largestGradient, Math.abs(g[i]));
    largestApprox = Math.max(largestApprox, Math.abs(approx[i]));
    if (Math.abs(diff[i]) > largestDisagreement) {
      largestDisagreement = Math.abs(diff[i]);
      worst = i;
    }
    if (Math.abs(g[i]) <= gradientFloor && Math.abs(approx[i]) <= gradientFloor) {
      zeroGradients++;
      g[i] = approx[i] = diff[i] = 0; // the norms below are done with them
    }
  }
  const resolvedDenom = scaledNorm(g) + scaledNorm(approx);
  const resolvedDifference = resolvedDenom === 0 ? 0 : scaledNorm(diff) / resolvedDenom;
  const suggestedEpsilon = Number(`1e${Math.ceil(Math.log10(Math.max(largest, 1) * 1e-7))}`); // 1e-4, not 10 ** -4 = 0.00009999…
  return {
    difference,
    nudgeDifference,
    largestParameter: largest,
    roundingFloor: (2 ** -53 * largest) / epsilon,
    epsilon,
    suggestedEpsilon,
    cost: base,
    gradientFloor,
    largestGradient,
    largestApprox,
    largestDisagreement,
    worstParameter: parameterName(network.dims, worst),
    resolvedDifference,
    zeroGradients,
    parameters: total,
    kinks,
  };
}
