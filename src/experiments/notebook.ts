// The notebook's experiment: the same 3-layer net trained with zeros, random ×10 and He.
import { datasetFromSpec, NOTEBOOK_TEST_SPEC, NOTEBOOK_TRAIN_SPEC } from '../data/registry.js';
import type { RunConfig } from './run.js';

export const NOTEBOOK_INITS = ['zeros', 'random', 'he'] as const;

export const NOTEBOOK_DEFAULTS: Omit<RunConfig, 'init'> = {
  seed: 3,
  scale: 10,
  layers: [2, 10, 5, 1],
  activation: 'relu',
  learningRate: 0.01,
  iterations: 15000,
  printEvery: 1000,
};

export const notebookData = () => ({ train: datasetFromSpec(NOTEBOOK_TRAIN_SPEC), test: datasetFromSpec(NOTEBOOK_TEST_SPEC) });
