// One arena per run, sized by the code that hands its buffers out: the layout is written
// once, as a function of an allocator, and run first to count and then to allocate.
import type { Allocator, Kernels } from './kernels.js';

/**
 * Builds `layout` in one arena of backend `k` of the size it asks for (each array's length
 * rounded up to whole 16-byte blocks, the alignment of the wasm arena).
 *
 * `layout` runs twice: first against an allocator that only counts (handing out views of
 * a scratch array, so copies into them do no harm), then against the arena. It must ask
 * for the same lengths in the same order both times and touch nothing but its buffers.
 * @returns what the second run of `layout` returns
 */
export function allocateInOneArena<T>(k: Kernels, layout: (alloc: Allocator) => T): T {
  let floats = 0;
  let scratch = new Float64Array(0);
  layout((length) => {
    // an even count per array: a wasm arena starts every array on 16 bytes (two floats), so
    // an odd-length array leaves one float of padding; thousands of small arrays add up
    floats += length + (length % 2);
    if (scratch.length < length) scratch = new Float64Array(length);
    return scratch.subarray(0, length);
  });
  return layout(k.arena(floats));
}
