// Models on disk: written atomically, read with a size limit.
import { UsageError } from '../errors.js';
import type { Network } from '../nn/network.js';
import { type ModelMeta, parseModel, serializeModel } from '../nn/model-format.js';
import { writeFileAtomic } from './atomic.js';
import { readTextFile } from './files.js';
import { checkModelPath } from './outputs.js';

export const MAX_MODEL_BYTES = 512 * 1024 * 1024;

/** Saves atomically; refuses (FileError) a path holding anything but an initlab model, see checkModelPath. */
export function saveModel(path: string, net: Network, meta: ModelMeta = {}): void {
  checkModelPath(path); // again: the file may have appeared during the run
  writeFileAtomic(path, serializeModel(net, meta));
}

/** Reads a saved model. @throws UsageError for an empty name (`--model ''`), FileError for the file */
export function loadModel(path: string) {
  if (path.trim() === '')
    throw new UsageError(
      '--model is empty; give a file written by initlab train --save, like --model model.json',
    );
  // a byte-order mark (an editor on Windows may add one) is no part of the JSON
  return parseModel(readTextFile(path, MAX_MODEL_BYTES, 'model file').replace(/^\uFEFF/, ''), path);
}
