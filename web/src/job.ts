// What the page asks the worker to train, and what the worker reports back: plain data,
// so it crosses the worker boundary by structured clone.
import type { DiagnosticsPoint } from '../../src/train/diagnostics.js';

export interface JobConfig {
  /** Training data: a SPEC (circles:n=300,...) or CSV text (csv: true). */
  train: string;
  csv?: boolean;
  /** Test data SPEC; empty: the one that follows the training data (none for a CSV). */
  test: string;
  layers: number[];
  activation: string;
  inits: string[];
  seed: number;
  scale: number;
  optimizer: string;
  learningRate: number;
  iterations: number;
  batchSize: number;
  /** Record (and report) the cost every this many iterations. */
  printEvery: number;
}

export interface RunUpdate {
  init: string;
  iteration: number;
  done: boolean;
  /** Set once the run is finished: completed, diverged or interrupted. */
  stopReason?: 'completed' | 'diverged' | 'interrupted';
  /** The iteration at which the cost or the weights stopped being finite. */
  divergedAt?: number;
  /** Once finished: the verdict read off what happened (src/experiments/verdict.ts), as the CLI's table. */
  verdict?: string;
  /** Once finished: the run doctor's lines (src/train/doctor.ts), the cause and the fix when the run failed, as `initlab train` prints them. */
  doctor?: string[];
  /** New (iteration, train cost, test cost) points since the last update. */
  curve: { iteration: number; train: number; test: number }[];
  trainAccuracy: number;
  /** null when there is no test set (a dropped CSV with no test SPEC). */
  testAccuracy: number | null;
  /** The model's probability on a GRID × GRID grid over the plot's extent, row 0 at the top. */
  grid: Float64Array;
  extent: [number, number];
  diagnostics: DiagnosticsPoint | null;
  /** Per-layer activation histograms at the current weights. */
  histograms: { layer: number; bins: { x0: number; x1: number; count: number }[] }[];
  /** The watched run's units and weights for the network view (null: not watched, or not drawable). */
  network: NetworkPicture | null;
}

/** One layer of the network view: its units' pictures and statistics, and its incoming weights. */
export interface LayerPicture {
  units: number;
  /** Each unit's output at the picture's points: units × size², row-major, row 0 at the top. */
  pictures: Float64Array;
  /** The incoming weights W (units × units of the previous layer), row-major. */
  weights: Float64Array;
  /** ‖dW[u, :]‖₂: the cost's gradient with respect to each unit's incoming weights, on the training data. */
  gradients: number[];
  /** Each unit's activations over the training data, in equal bins over its own range. */
  histograms: { x0: number; x1: number; count: number }[][];
}

export interface NetworkPicture {
  /** Side of each picture in cells (pictures cover the plot's square extent). */
  size: number;
  /** The input layer's pictures (x1 then x2 at each point): 2 × size². */
  inputs: Float64Array;
  layers: LayerPicture[];
}

export interface DataSummary {
  /** The square the plots show. */
  extent: [number, number];
  X: number[][];
  Y: number[];
  testX: number[][];
  testY: number[];
  /** The test SPEC in use (given, or following the training data), or null: no test set. */
  testSpec: string | null;
}

export const GRID = 60;

/**
 * How many steps a second the worker takes while playing; each step advances every run by
 * the speed setting (iterations per step). The lesson's default pace, 67 iterations per
 * step, plays the notebook's 15,000 iterations in about 7.5 s.
 */
export const STEPS_PER_SECOND = 30;
