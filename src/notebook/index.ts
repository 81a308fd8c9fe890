// The notebook's own functions under TypeScript names (initlab/notebook), so the
// assignment ports line by line: parameters are a { W1, b1, … } dictionary of
// matrices, X is (features × m), and the printing matches the notebook's cells.
import { UsageError } from '../errors.js';
import { NOTEBOOK_DEFAULTS, NOTEBOOK_INITS } from '../experiments/notebook-config.js';
import { notebookData } from '../experiments/notebook.js';
import { formatNumpy, pyFloat } from '../format.js';
import { relu as reluActivation, sigmoid as sigmoidActivation } from '../nn/activations.js';
import { initializers } from '../nn/initializers.js';
import { naiveCrossEntropy } from '../nn/loss.js';
import { Matrix } from '../linalg/matrix.js';
import {
  defaultActivations,
  initializeNetwork,
  type Network,
  networkToDict,
} from '../nn/network.js';
import { backward, forward } from '../nn/propagation.js';
import { Workspace } from '../nn/workspace.js';
import { accuracyOf, threshold } from '../train/metrics.js';
import { train } from '../train/train.js';

export { Matrix };

/** `parameters["W1"]`, `parameters["b1"]`, …: as in the notebook. */
export type Parameters = Record<string, Matrix>;
/** `grads["dW1"]`, `grads["db1"]`, `grads["dZ1"]`, `grads["dA1"]`, … */
export type Gradients = Record<string, Matrix>;

/** What forwardPropagation hands to backwardPropagation. */
export interface Cache {
  /** The parameters as a network (sharing their matrices). */
  readonly network: Network;
  /** Every layer's Z and A (n_l × m) from the forward pass, and room for the gradients. */
  readonly workspace: Workspace;
}

/** The notebook's three initializations: `zeros`, `random` (×10) and `he`. */
export type NotebookInitialization = (typeof NOTEBOOK_INITS)[number];

function toParameters(net: Network): Parameters {
  const p: Parameters = {};
  net.W.forEach((w, l) => {
    p[`W${l + 1}`] = w;
    p[`b${l + 1}`] = net.b[l];
  });
  return p;
}

/** Reads { W1, b1, …, WL, bL } as a network (sharing the matrices), ReLU hidden layers and a sigmoid output. */
function toNetwork(parameters: Parameters): Network {
  const W: Matrix[] = [];
  const b: Matrix[] = [];
  for (let l = 1; `W${l}` in parameters; l++) {
    const w = parameters[`W${l}`];
    const bias = parameters[`b${l}`];
    if (!bias) throw new UsageError(`parameters has W${l} but no b${l}`);
    if (bias.rows !== w.rows || bias.cols !== 1)
      throw new UsageError(`b${l} must be (${w.rows} × 1), got (${bias.rows} × ${bias.cols})`);
    if (l > 1 && w.cols !== W[l - 2].rows)
      throw new UsageError(
        `W${l} has ${w.cols} columns but layer ${l - 1} has ${W[l - 2].rows} units`,
      );
    W.push(w);
    b.push(bias);
  }
  if (!W.length) throw new UsageError('parameters has no W1');
  const dims = [W[0].cols, ...W.map((w) => w.rows)];
  return { dims, activations: defaultActivations(dims), W, b };
}

/** The notebook's weights: it seeds numpy with 3 inside its random initializers (zeros draws nothing). */
function notebookNetwork(kind: NotebookInitialization, layersDims: number[]): Network {
  return initializeNetwork(layersDims, initializers[kind], {
    seed: NOTEBOOK_DEFAULTS.seed,
    scale: NOTEBOOK_DEFAULTS.scale,
  });
}

function initialize(kind: NotebookInitialization, layersDims: number[]): Parameters {
  return toParameters(notebookNetwork(kind, layersDims));
}

/** All weights and biases zero. */
export const initializeParametersZeros = (layersDims: number[]): Parameters =>
  initialize('zeros', layersDims);
/** `np.random.seed(3)`, then W = randn(n_l, n_{l-1}) × 10, b = 0. */
export const initializeParametersRandom = (layersDims: number[]): Parameters =>
  initialize('random', layersDims);
/** `np.random.seed(3)`, then W = randn(n_l, n_{l-1}) × sqrt(2 / n_{l-1}), b = 0. */
export const initializeParametersHe = (layersDims: number[]): Parameters =>
  initialize('he', layersDims);

function mapMatrix(x: Matrix, f: (z: Float64Array, a: Float64Array, n: number) => void): Matrix {
  const out = new Matrix(x.rows, x.cols);
  f(x.data, out.data, x.data.length);
  return out;
}
/** The logistic function 1 / (1 + e^−x), entry by entry, into a new matrix of x's shape. */
export const sigmoid = (x: Matrix): Matrix => mapMatrix(x, sigmoidActivation.forward);
/** max(0, x), entry by entry, into a new matrix of x's shape. */
export const relu = (x: Matrix): Matrix => mapMatrix(x, reluActivation.forward);

/** LINEAR → RELU → … → LINEAR → SIGMOID; returns the output probabilities and the cache. */
export function forwardPropagation(X: Matrix, parameters: Parameters): [Matrix, Cache] {
  const network = toNetwork(parameters);
  const workspace = new Workspace(network.dims, X.cols);
  const out = forward(network, X, workspace);
  return [new Matrix(1, X.cols, out.slice()), { network, workspace }];
}

/** The gradients of the cross-entropy for the forward pass in `cache`. */
export function backwardPropagation(X: Matrix, Y: Matrix, cache: Cache): Gradients {
  const { network: net, workspace: ws } = cache;
  backward(net, X, Y, ws);
  const g: Gradients = {};
  const m = ws.m;
  for (let l = net.W.length; l >= 1; l--) {
    const n = net.dims[l];
    g[`dZ${l}`] = new Matrix(n, m, ws.dZ[l - 1].slice());
    g[`dW${l}`] = new Matrix(n, net.dims[l - 1], ws.dW[l - 1].slice());
    g[`db${l}`] = new Matrix(n, 1, ws.db[l - 1].slice());
    if (l < net.W.length) g[`dA${l}`] = new Matrix(n, m, ws.dA[l - 1].slice());
  }
  return g;
}

/** The notebook's cost: mean of −log(a)·y − log(1 − a)·(1 − y), NaN terms skipped (inf when a saturates). */
export function computeLoss(a3: Matrix, Y: Matrix): number {
  return naiveCrossEntropy(a3.data, Y.data, Y.cols);
}

/**
 * One gradient-descent step: W ← W − lr·dW, b ← b − lr·db (new matrices, like numpy's `W - lr * dW`).
 * @throws UsageError when a parameter has no gradient of its shape
 */
export function updateParameters(
  parameters: Parameters,
  grads: Gradients,
  learningRate: number,
): Parameters {
  const out: Parameters = {};
  for (const [key, P] of Object.entries(parameters)) {
    const G = grads[`d${key}`];
    if (!G || G.rows !== P.rows || G.cols !== P.cols)
      throw new UsageError(`grads has no d${key} of shape (${P.rows} × ${P.cols})`);
    const next = new Matrix(P.rows, P.cols);
    for (let i = 0; i < P.data.length; i++) next.data[i] = P.data[i] - learningRate * G.data[i];
    out[key] = next;
  }
  return out;
}

/** 0/1 predictions (probability > 0.5) as a (1 × m) matrix; prints "Accuracy: …" as the notebook does. */
export function predict(
  X: Matrix,
  y: Matrix,
  parameters: Parameters,
  print: (line: string) => void = console.log,
): Matrix {
  const [a] = forwardPropagation(X, parameters);
  const p = new Matrix(1, X.cols, Float64Array.from(threshold(a.data)));
  print(`Accuracy: ${pyFloat(accuracyOf(p.data, y.data))}`);
  return p;
}

/** Predictions for plotting the decision boundary: (probability > 0.5) as 0/1. */
export function predictDec(parameters: Parameters, X: Matrix): Matrix {
  const [a] = forwardPropagation(X, parameters);
  return new Matrix(1, X.cols, Float64Array.from(threshold(a.data)));
}

/** The notebook's data as (trainX, trainY, testX, testY): make_circles after seed 1 (300 points) and seed 2 (100 points); X (2 × m), Y (1 × m). */
export function loadDataset(): [Matrix, Matrix, Matrix, Matrix] {
  const { train, test } = notebookData();
  return [train.X, train.Y, test.X, test.Y];
}

/** model()'s keyword arguments, as the notebook names them (camelCase). */
export interface ModelOptions {
  /** Gradient descent's step size (default 0.01). */
  learningRate?: number;
  /** Number of updates (default 15,000). */
  numIterations?: number;
  /** Print the cost every 1,000 iterations (default true). */
  printCost?: boolean;
  /** `zeros`, `random` (×10) or `he` (default). */
  initialization?: NotebookInitialization;
  /** Where the cost lines go (console.log by default). */
  print?: (line: string) => void;
}

/**
 * The notebook's model(): layers [n_x, 10, 5, 1], the chosen initialization, full-batch
 * gradient descent; prints "Cost after iteration i: …" every 1,000 iterations with the
 * notebook's cost formula. Returns the learnt parameters.
 * @throws UsageError for an initialization other than zeros, random or he
 */
export function model(
  X: Matrix,
  Y: Matrix,
  {
    learningRate = NOTEBOOK_DEFAULTS.learningRate,
    numIterations = NOTEBOOK_DEFAULTS.iterations,
    printCost = true,
    initialization = 'he',
    print = console.log,
  }: ModelOptions = {},
): Parameters {
  if (!(NOTEBOOK_INITS as readonly string[]).includes(initialization)) {
    throw new UsageError(
      `initialization must be "zeros", "random" or "he", got "${initialization}"`,
    );
  }
  const net = notebookNetwork(initialization, [X.rows, ...NOTEBOOK_DEFAULTS.layers.slice(1)]);
  train(
    net,
    { X, Y },
    {
      learningRate,
      iterations: numIterations,
      recordEvery: NOTEBOOK_DEFAULTS.printEvery,
      naiveLoss: true,
      onRecord: (p) => {
        if (printCost)
          print(`Cost after iteration ${p.iteration}: ${pyFloat(p.naiveCost as number)}`);
      },
    },
  );
  return toParameters(net);
}

/** The parameters as nested arrays (`{ W1: [[…]], b1: [[…]], … }`). */
export const parametersToArrays = (parameters: Parameters): Record<string, number[][]> =>
  networkToDict(toNetwork(parameters));

/**
 * A matrix as numpy's str() prints it (for `print("W1 = " + str(parameters["W1"]))`);
 * `integer` prints it as an int array, as the notebook's predictions are.
 */
export const formatArray = (m: Matrix, { integer = false } = {}): string =>
  formatNumpy(m.toArray(), { integer });
