// Seeds counted on from a run's seed: epoch e's mini-batch shuffle uses seed + e (the course's
// Optimization notebook: np.random.seed(seed) with seed += 1 each epoch), and he2015 draws its
// weights from seed + 1, + 2, + 3. RandomState takes 0 … 2^32 − 1, so near the top the count
// would leave the range: numpy refuses RandomState(2^32), and the web lab used to fail with a
// DataError in the middle of a run. Counting on modulo 2^32, as uint32 arithmetic does, keeps
// every seed an input accepts usable: seed + k itself wherever it is a seed (so the course's
// numbers are unchanged), 0, 1, … after 2^32 − 1. Within one run the seeds stay distinct
// (k < 2^32: at most 10^9 iterations). That a run's later epochs meet another run's seeds is
// nothing new: seed 11's second epoch is seed 12's first, with or without the wrap.
import { MAX_SEED } from './random-state.js';

/**
 * The seed `k` steps after `seed`: (seed + k) mod 2^32, always in 0 … 2^32 − 1.
 * @throws RangeError for a seed outside 0 … 2^32 − 1 or a step that is not a whole number ≥ 0
 */
export function seedAfter(seed: number, k: number): number {
  if (!Number.isInteger(seed) || seed < 0 || seed > MAX_SEED)
    throw new RangeError(`a seed is a whole number from 0 to ${MAX_SEED}, got ${seed}`);
  if (!Number.isInteger(k) || k < 0)
    throw new RangeError(`a seed step is a whole number >= 0, got ${k}`);
  return (seed + k) % (MAX_SEED + 1);
}
