// The notebook's settings as plain values (no code behind them, so anything may import them cheaply).
import type { RunConfig } from './run.js';

/** The notebook's three initializations, in its order. */
export const NOTEBOOK_INITS = ['zeros', 'random', 'he'] as const;

/** The notebook's settings: seed 3, random's ×10, layers 2-10-5-1, ReLU, lr 0.01, 15,000 iterations, a cost every 1,000. */
export const NOTEBOOK_DEFAULTS: Omit<RunConfig, 'init'> = {
  seed: 3,
  scale: 10,
  layers: [2, 10, 5, 1],
  activation: 'relu',
  learningRate: 0.01,
  iterations: 15000,
  printEvery: 1000,
};

/** The notebook's training set: make_circles(300, noise 0.05) after np.random.seed(1). */
export const NOTEBOOK_TRAIN_SPEC = 'circles:n=300,noise=0.05,seed=1';
/** The notebook's test set: make_circles(100, noise 0.05) after seed 2. */
export const NOTEBOOK_TEST_SPEC = 'circles:n=100,noise=0.05,seed=2';
