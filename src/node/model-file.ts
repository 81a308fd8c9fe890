// Models on disk: written atomically, read with a size limit.
import type { Network } from '../nn/network.js';
import { type ModelMeta, parseModel, serializeModel } from '../nn/model-format.js';
import { writeFileAtomic } from './atomic.js';
import { readTextFile } from './files.js';

export const MAX_MODEL_BYTES = 512 * 1024 * 1024;

export const saveModel = (path: string, net: Network, meta: ModelMeta = {}): void => writeFileAtomic(path, serializeModel(net, meta));

export const loadModel = (path: string) => parseModel(readTextFile(path, MAX_MODEL_BYTES, 'model file'), path);
