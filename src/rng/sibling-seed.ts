// The seed of a second stream derived from a run's seed: the default test set from the
// training set's seed, the probe's backward-pass gradient from the weights' seed. seed + 1,
// as the notebook's pair (training seed 1, test seed 2), except at the top of the range:
// RandomState takes seeds 0 … 2^32 − 1, and seed + 1 taken modulo 2^32 turned the largest
// seed's partner into 0, another run's own seed, without a word.
import { MAX_SEED } from './random-state.js';

/**
 * seed + 1, or seed − 1 for the largest seed (2^32 − 1 → 2^32 − 2): always a valid seed
 * (0 … 2^32 − 1), never `seed` itself, and never a wrap to 0.
 * @throws RangeError for a seed that is not a whole number in 0 … 2^32 − 1
 */
export function siblingSeed(seed: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)
    throw new RangeError(`a seed is a whole number from 0 to ${MAX_SEED}, got ${seed}`);
  return seed < MAX_SEED ? seed + 1 : seed - 1;
}
