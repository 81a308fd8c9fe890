// The notebook's training set, for the reproductions that train on it.
import type { Dataset } from '../data/dataset.js';
import { datasetFromSpec } from '../data/registry.js';
import { NOTEBOOK_TRAIN_SPEC } from '../experiments/notebook-config.js';

export const makeDataset = (): Dataset => datasetFromSpec(NOTEBOOK_TRAIN_SPEC);
