// Sums in numpy's order, so that a cost or a bias gradient rounds exactly as the notebook's
// `np.sum` / `np.mean` / `np.nansum` do. numpy's float64 add-reduction (umath's
// `DOUBLE_pairwise_sum`, numpy 1.9 and later) works like this:
//   - the reduction hands the inner loop at most 8,192 elements at a time (the iterator's
//     buffer size) and adds each block's sum to the running result, which starts at 0;
//   - a block of fewer than 8 elements is summed left to right from 0;
//   - up to 128 elements (PW_BLOCKSIZE): eight running sums r0..r7 over the elements in
//     groups of 8, combined as ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)), then the
//     remaining (n mod 8) elements added one by one;
//   - above 128: split at n/2 rounded down to a multiple of 8 and sum both halves the same way.
// A row of a C-contiguous (rows × m) array summed along axis 1 goes through the same path
// (test/fixtures/pairwise_sums.json, made by scripts/make_pairwise_fixture.py, checks both).
// assembly/kernels.ts (rowSums) implements the same order for the wasm backend.

/** Elements numpy's reduction hands its inner loop at once (NPY_BUFSIZE). */
export const NUMPY_BUFSIZE = 8192;
/** Below this many elements numpy's pairwise sum stops splitting (PW_BLOCKSIZE). */
export const PW_BLOCKSIZE = 128;

/** numpy's `pairwise_sum` of a[start .. start + n). */
export function pairwiseSum(a: ArrayLike<number>, start: number, n: number): number {
  if (n < 8) {
    let res = 0;
    for (let i = 0; i < n; i++) res += a[start + i];
    return res;
  }
  if (n <= PW_BLOCKSIZE) {
    let r0 = a[start],
      r1 = a[start + 1],
      r2 = a[start + 2],
      r3 = a[start + 3];
    let r4 = a[start + 4],
      r5 = a[start + 5],
      r6 = a[start + 6],
      r7 = a[start + 7];
    const end8 = start + (n - (n % 8));
    let i = start + 8;
    for (; i < end8; i += 8) {
      r0 += a[i];
      r1 += a[i + 1];
      r2 += a[i + 2];
      r3 += a[i + 3];
      r4 += a[i + 4];
      r5 += a[i + 5];
      r6 += a[i + 6];
      r7 += a[i + 7];
    }
    let res = r0 + r1 + (r2 + r3) + (r4 + r5 + (r6 + r7));
    for (const end = start + n; i < end; i++) res += a[i];
    return res;
  }
  let n2 = Math.floor(n / 2);
  n2 -= n2 % 8;
  return pairwiseSum(a, start, n2) + pairwiseSum(a, start + n2, n - n2);
}

/**
 * `np.sum` of the n values a[start .. start + n) (one row of a C-contiguous array, or a whole
 * contiguous array), bit for bit: pairwise within blocks of 8,192, the blocks added in order.
 */
export function numpySum(a: ArrayLike<number>, start = 0, n: number = a.length - start): number {
  let s = 0;
  for (let b = 0; b < n; b += NUMPY_BUFSIZE)
    s += pairwiseSum(a, start + b, Math.min(NUMPY_BUFSIZE, n - b));
  return s;
}
