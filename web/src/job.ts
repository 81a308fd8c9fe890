// What the page asks the worker to train, and what the worker reports back: plain data,
// so it crosses the worker boundary by structured clone.
import type { DiagnosticsPoint } from '../../src/train/diagnostics.js';

export interface JobConfig {
  /** Training data: a SPEC (circles:n=300,...) or CSV text (csv: true). */
  train: string;
  csv?: boolean;
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
  stopReason?: string;
  /** New (iteration, train cost, test cost) points since the last update. */
  curve: { iteration: number; train: number; test: number }[];
  trainAccuracy: number;
  testAccuracy: number;
  /** The model's probability on a GRID × GRID grid over the plot's extent, row 0 at the top. */
  grid: Float64Array;
  extent: [number, number];
  diagnostics: DiagnosticsPoint | null;
  /** Per-layer activation histograms at the current weights. */
  histograms: { layer: number; bins: { x0: number; x1: number; count: number }[] }[];
}

export interface DataSummary {
  /** The square the plots show. */
  extent: [number, number];
  X: number[][];
  Y: number[];
  testX: number[][];
  testY: number[];
}

export const GRID = 60;
