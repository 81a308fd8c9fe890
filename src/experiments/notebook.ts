// The notebook's experiment: the same 3-layer net trained with zeros, random ×10 and He.
import { datasetFromSpec } from '../data/registry.js';
import { NOTEBOOK_TEST_SPEC, NOTEBOOK_TRAIN_SPEC } from './notebook-config.js';

export { NOTEBOOK_DEFAULTS, NOTEBOOK_INITS } from './notebook-config.js';

export const notebookData = () => ({ train: datasetFromSpec(NOTEBOOK_TRAIN_SPEC), test: datasetFromSpec(NOTEBOOK_TEST_SPEC) });
