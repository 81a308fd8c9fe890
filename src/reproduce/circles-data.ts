// The notebook's training set, for the reproductions that train on it.
import { datasetFromSpec } from '../data/registry.js';
import type { Dataset } from '../data/dataset.js';

export const makeDataset = (): Dataset => datasetFromSpec('circles:n=300,noise=0.05,seed=1');
