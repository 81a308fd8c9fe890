// The notebook's experiment: the same 3-layer net trained with zeros, random ×10 and He.
import type { Dataset } from '../data/dataset.js';
import { datasetFromSpec } from '../data/registry.js';
import { NOTEBOOK_TEST_SPEC, NOTEBOOK_TRAIN_SPEC } from './notebook-config.js';

/**
 * The notebook's data: `train` is make_circles(300, noise 0.05) after seed 1 and `test`
 * make_circles(100, noise 0.05) after seed 2, each X (2 × m) and Y (1 × m).
 */
export const notebookData = (): {
  /** make_circles(300, noise 0.05) after seed 1. */
  train: Dataset;
  /** make_circles(100, noise 0.05) after seed 2. */
  test: Dataset;
} => ({
  train: datasetFromSpec(NOTEBOOK_TRAIN_SPEC),
  test: datasetFromSpec(NOTEBOOK_TEST_SPEC),
});
