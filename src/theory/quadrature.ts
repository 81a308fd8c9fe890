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

/** A bound on the halvings of one integral: a safety net, never reached by the smooth pieces the theory integrates. */
const MAX_SPLITS = 20_000;

/**
 * ∫_a^b f(x) dx by adaptive Gauss–Kronrod: an interval is halved until its
 * error estimate is below `rtol` of ∫|f| (shared out by length; ∫|f| comes from the first four
 * panels, so the tolerance follows the integrand's scale; `atol` is a floor for integrands
 * that are themselves rounding noise around 0) or it is 2^-40 of the whole.
 */
export function integrate(
  f: (x: number) => number,
  a: number,
  b: number,
  rtol = 1e-13,
  atol = 0,
): number {
  if (b <= a) return 0;
  const whole = b - a;
  const PANELS = 4;
  const first = Array.from({ length: PANELS }, (_, i) => {
    const lo = a + (whole * i) / PANELS;
    const hi = a + (whole * (i + 1)) / PANELS;
    return { lo, hi, ...kronrod(f, lo, hi) };
  });
  const tol = Math.max(rtol * first.reduce((sum, p) => sum + p.abs, 0), atol);
  if (tol === 0) return 0;
  let total = 0;
  let splits = 0;
  const stack = first.reverse();
  while (stack.length) {
    const { lo, hi, k, err } = stack.pop()!;
    if (err <= (tol * (hi - lo)) / whole || hi - lo < whole * 2 ** -40 || splits >= MAX_SPLITS) {
      total += k;
      continue;
    }
    splits++;
    const mid = 0.5 * (lo + hi);
    stack.push({ lo: mid, hi, ...kronrod(f, mid, hi) }, { lo, hi: mid, ...kronrod(f, lo, mid) });
  }
  return total;
}

/** Sorted, de-duplicated points strictly inside (-Z_MAX, Z_MAX), with both ends. */
function breakpoints(kinks: readonly number[]): number[] {
  const inside = kinks
    .filter((k) => Number.isFinite(k) && k > -Z_MAX && k < Z_MAX)
    .sort((x, y) => x - y);
  const pts = [-Z_MAX];
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
  const pts = breakpoints(kinks);
  let sum = 0;
  for (let i = 0; i + 1 < pts.length; i++)
    sum += integrate((z) => f(z) * normalDensity(z), pts[i], pts[i + 1], rtol, atol);
  return sum;
}

/**
 * E[g(z1, z2)] for independent z1, z2 ~ N(0, 1), as nested one-dimensional integrals:
 * `outerKinks` are the z1 where the inner integral's result is not smooth, `innerKinks(z1)`
 * the z2 where g(z1, ·) is not smooth; `scale` bounds E|g| (e.g. by Cauchy–Schwarz): the outer
 * tolerance never falls below rtol · scale, since where the inner integrals cancel to 0 the
 * outer integrand is rounding noise that no subdivision can resolve.
 */
export function gaussianExpectation2(
  g: (z1: number, z2: number) => number,
  outerKinks: readonly number[],
  innerKinks: (z1: number) => number[],
  scale: number,
  rtol = 1e-12,
): number {
  // the inner floor keeps underflowing tails (subnormal numbers, all rounding) from being refined for ever
  return gaussianExpectation(
    (z1) => gaussianExpectation((z2) => g(z1, z2), innerKinks(z1), rtol * 0.1, rtol * scale * 0.01),
    outerKinks,
    rtol,
    rtol * scale,
  );
}
