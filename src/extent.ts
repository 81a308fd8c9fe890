// The smallest and largest of many numbers. Math.max(...xs) passes every value as a call
// argument and overflows the stack somewhere past 10⁵ values (a 600×600 layer, a long
// sweep); these loops take any length. NaN anywhere gives NaN, as Math.max does.

/** The largest of `xs`; −Infinity when empty (as Math.max()). */
export function maxOf(xs: ArrayLike<number>): number {
  let m = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (x > m) m = x;
    else if (x !== x) return NaN;
  }
  return m;
}

/** The smallest of `xs`; Infinity when empty (as Math.min()). */
export function minOf(xs: ArrayLike<number>): number {
  let m = Infinity;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i];
    if (x < m) m = x;
    else if (x !== x) return NaN;
  }
  return m;
}
