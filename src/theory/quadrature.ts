// Gaussian expectations E[f(z)], z ~ N(0, 1), and E[g(z1, z2)] over two independent unit
// normals, by adaptive Gauss–Kronrod (7–15 points) on [-Z_MAX, Z_MAX] split at the points
// where the integrand has a kink. Gauss–Hermite rules converge slowly on kinked (ReLU) or
// steep (tanh at large variance) integrands; splitting there and subdividing adaptively
// keeps every piece smooth; the tolerance is relative to the integrand's own scale.

/** Beyond |z| = 10 a unit normal has mass 1.5e-23: dropped. */
export const Z_MAX = 10;

// Kronrod nodes (the odd ones are the 7-point Gauss nodes) and weights on [-1, 1].
const XK = [
  0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
  0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
  0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
  0.207784955007898467600689403773245, 0,
];
const WK = [
  0.02293532201052922496373200805897, 0.063092092629978553290700663189204,
  0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
  0.16900472663926790282658342659855, 0.190350578064785409913256402421014,
  0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
];
const WG = [
  0.129484966168869693270611432679082, 0.27970539148927666790146777142378,
  0.381830050505118944950369775488975, 0.417959183673469387755102040816327,
];

const INV_SQRT_2PI = 0.3989422804014327;

/** The unit normal's density at z. */
export const normalDensity = (z: number) => INV_SQRT_2PI * Math.exp(-0.5 * z * z);

/**
 * The 15-point Kronrod estimate of ∫_a^b f, its error estimate and ∫_a^b |f|. The error is
 * QUADPACK's (qk15): |K15 − G7| scaled as scale · min(1, (200 |K15 − G7| / scale)^1.5), since
 * the raw difference measures the 7-point rule's error, far larger than the 15-point one's.
 */
function kronrod(
  f: (x: number) => number,
  a: number,
  b: number,
): { k: number; err: number; abs: number } {
  const c = 0.5 * (a + b);
  const h = 0.5 * (b - a);
  const fc = f(c);
  let k = WK[7] * fc;
  let g = WG[3] * fc;
  let abs = WK[7] * Math.abs(fc);
  for (let i = 0; i < 7; i++) {
    const f1 = f(c - h * XK[i]);
    const f2 = f(c + h * XK[i]);
    k += WK[i] * (f1 + f2);
    abs += WK[i] * (Math.abs(f1) + Math.abs(f2));
    if (i % 2 === 1) g += WG[(i - 1) / 2] * (f1 + f2);
  }
  const raw = Math.abs((k - g) * h);
  const scale = abs * Math.abs(h);
  const err = scale > 0 && raw > 0 ? scale * Math.min(1, ((200 * raw) / scale) ** 1.5) : raw;
  return { k: k * h, err, abs: scale };
}

/**
 * At most this many panels per integral. With the global error test below a smooth piece needs
 * a handful; the bound only matters for integrands that are rounding noise (an inner integral
 * that cancels to 0), where no subdivision helps: it caps the work instead of the accuracy.
 */
const MAX_PANELS = 400;

interface Panel {
  lo: number;
  hi: number;
  k: number;
  err: number;
  abs: number;
}

/** Pushes `p` onto a max-heap ordered by error estimate. */
function heapPush(heap: Panel[], p: Panel): void {
  heap.push(p);
  let i = heap.length - 1;
  while (i > 0) {
    const up = (i - 1) >> 1;
    if (heap[up].err >= heap[i].err) break;
    [heap[up], heap[i]] = [heap[i], heap[up]];
    i = up;
  }
}

/** Removes and returns the panel with the largest error estimate. */
function heapPop(heap: Panel[]): Panel {
  const top = heap[0];
  const last = heap.pop()!;
  if (heap.length) {
    heap[0] = last;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < heap.length && heap[l].err > heap[m].err) m = l;
      if (r < heap.length && heap[r].err > heap[m].err) m = r;
      if (m === i) break;
      [heap[m], heap[i]] = [heap[i], heap[m]];
      i = m;
    }
  }
  return top;
}

/**
 * ∫_a^b f(x) dx by globally adaptive Gauss–Kronrod, as QUADPACK's QAG does: the panel with the
 * largest error estimate is halved until the estimates add up to at most `rtol` of ∫|f| (or
 * `atol`, a floor for integrands that are themselves rounding noise around 0), or the panels
 * reach MAX_PANELS. A global test, unlike one that shares the tolerance out by length, cannot
 * be driven to endless halvings by a little noise spread over the whole interval.
 * Returns NaN at once when f gives a value that is not finite (nothing to integrate).
 */
export function integrate(
  f: (x: number) => number,
  a: number,
  b: number,
  rtol = 1e-13,
  atol = 0,
): number {
  if (b <= a) return 0;
  return integratePieces(f, [a, b], rtol, atol);
}

/**
 * ∫ f over [cuts[0], cuts[n−1]], split at every cut (sorted, increasing), with one tolerance
 * for the whole: pieces where f is negligible against the rest are not refined for their own
 * sake. Each piece longer than a quarter of the range starts as several panels.
 */
function integratePieces(
  f: (x: number) => number,
  cuts: readonly number[],
  rtol: number,
  atol: number,
): number {
  const whole = cuts[cuts.length - 1] - cuts[0];
  const heap: Panel[] = [];
  let errSum = 0;
  let absSum = 0;
  for (let i = 0; i + 1 < cuts.length; i++) {
    const n = Math.max(1, Math.ceil((4 * (cuts[i + 1] - cuts[i])) / whole));
    for (let j = 0; j < n; j++) {
      const lo = cuts[i] + ((cuts[i + 1] - cuts[i]) * j) / n;
      const hi = j === n - 1 ? cuts[i + 1] : cuts[i] + ((cuts[i + 1] - cuts[i]) * (j + 1)) / n;
      const r = kronrod(f, lo, hi);
      if (!Number.isFinite(r.k) || !Number.isFinite(r.abs)) return NaN;
      errSum += r.err;
      absSum += r.abs;
      heapPush(heap, { lo, hi, k: r.k, err: r.err, abs: r.abs });
    }
  }
  // the tolerance follows ∫|f| as refinement finds more of it (QUADPACK's epsrel·|result|)
  const tol = () => Math.max(rtol * absSum, atol);
  if (tol() === 0) return 0;
  while (errSum > tol() && heap.length < MAX_PANELS) {
    const worst = heapPop(heap);
    if (worst.hi - worst.lo < whole * 2 ** -40) {
      heapPush(heap, { ...worst, err: 0 }); // as fine as float64 sensibly splits: keep it as it is
      errSum -= worst.err;
      continue;
    }
    const mid = 0.5 * (worst.lo + worst.hi);
    const left = kronrod(f, worst.lo, mid);
    const right = kronrod(f, mid, worst.hi);
    if (!Number.isFinite(left.k) || !Number.isFinite(right.k)) return NaN;
    errSum += left.err + right.err - worst.err;
    absSum += left.abs + right.abs - worst.abs;
    heapPush(heap, { lo: worst.lo, hi: mid, k: left.k, err: left.err, abs: left.abs });
    heapPush(heap, { lo: mid, hi: worst.hi, k: right.k, err: right.err, abs: right.abs });
  }
  let sum = 0;
  for (const p of heap) sum += p.k;
  return sum;
}

/** Sorted, de-duplicated points strictly inside (lower, Z_MAX), with both ends. */
function breakpoints(kinks: readonly number[], lower = -Z_MAX): number[] {
  const inside = kinks
    .filter((k) => Number.isFinite(k) && k > lower && k < Z_MAX)
    .sort((x, y) => x - y);
  const pts = [lower];
  for (const k of inside) if (k > pts[pts.length - 1]) pts.push(k);
  pts.push(Z_MAX);
  return pts;
}

/** E[f(z)] for z ~ N(0, 1); `kinks` are the z where f is not smooth. */
export function gaussianExpectation(
  f: (z: number) => number,
  kinks: readonly number[] = [0],
  rtol = 1e-13,
  atol = 0,
): number {
  return integratePieces((z) => f(z) * normalDensity(z), breakpoints(kinks), rtol, atol);
}

/**
 * E[g(z1, z2)] for independent z1, z2 ~ N(0, 1), as nested one-dimensional integrals:
 * `outerKinks` are the z1 where the inner integral's result is not smooth, `innerKinks(z1)`
 * the z2 where g(z1, ·) is not smooth; `scale` bounds E|g| (e.g. by Cauchy–Schwarz): the outer
 * tolerance never falls below rtol · scale, since where the inner integrals cancel to 0 the
 * outer integrand is rounding noise that no subdivision can resolve. `evenInner`: g(z1, −z2) =
 * g(z1, z2), so the inner integral runs over z2 ≥ 0 only.
 */
export function gaussianExpectation2(
  g: (z1: number, z2: number) => number,
  outerKinks: readonly number[],
  innerKinks: (z1: number) => number[],
  scale: number,
  rtol = 1e-12,
  evenInner = false,
): number {
  // g even in z2: twice the integral over z2 ≥ 0, half the work
  const inner = evenInner
    ? (z1: number) =>
        2 *
        integratePieces(
          (z2) => g(z1, z2) * normalDensity(z2),
          breakpoints(innerKinks(z1), 0),
          rtol * 0.1,
          rtol * scale * 0.005,
        )
    : (z1: number) =>
        gaussianExpectation((z2) => g(z1, z2), innerKinks(z1), rtol * 0.1, rtol * scale * 0.01);
  // the inner floor keeps underflowing tails (subnormal numbers, all rounding) from being refined for ever
  return gaussianExpectation(inner, outerKinks, rtol, rtol * scale);
}
