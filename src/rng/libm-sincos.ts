// Sine and cosine exactly as the C library computes them, so that the generators that call
// numpy's sin and cos (scikit-learn's make_circles and make_moons, the course's flower) come
// out bit for bit in JavaScript.
//
// Why not Math.sin / Math.cos: V8 runs an fdlibm port, which rounds differently from glibc in
// about one call in thirty (3.4% of a million inputs in [-10, 10]). A correctly rounded sine
// would not match either: since glibc 2.28 dropped the slow multi-precision paths, its sin and
// cos are accurate to about 0.55 ulp, not correctly rounded. So this file follows glibc's
// algorithm (the IBM Accurate
// Mathematical Library, sysdeps/ieee754/dbl-64/s_sin.c and branred.c), described here:
//
//   1. Range reduction to a double-double a + da with |a + da| ≤ π/4 and a quadrant n:
//      none below 0.855469; π/2 − |x| (π/2 as two doubles) below 2.426265; x − n·π/2 with π/2
//      split into four pieces below 105414350; beyond that, n and the rest taken from 2/π
//      in base 2^24 (a Payne–Hanek style reduction).
//   2. sin(a) for |a| < 0.126: an odd polynomial of degree 11 plus the (1 − a²/2)·da term.
//   3. Otherwise a = k/128 + r (k from adding and removing 1.5·2^45, |r| ≤ 1/256), and
//      sin(k/128 + r) = sin(k/128)·cos(r) + cos(k/128)·sin(r) with sin(k/128) and cos(k/128)
//      as double-double pairs from a table (src/rng/sincos-table.ts, read from libm by
//      scripts/make_sincos_table.py) and short series for sin(r) and cos(r) − 1;
//      cosine likewise, cos(k/128)·cos(r) − sin(k/128)·sin(r).
//
// glibc's x86-64 libm selects a build compiled with fused multiply-adds on every CPU that has
// them, so each a·b + c of the C source that the compiler contracts is one fused multiply-add
// here, emulated exactly by `fma` (evaluated without them, about one result in 1,500 differs).
// numpy calls this sine except on AVX-512 CPUs, where it has SIMD routines of its own
// (scripts/numpy_libm.py).
// Checked against the C library: test/libm-sincos.test.ts (fixture by scripts/make_sincos_reference.py).
import { fma } from './libm-log.js';
import { SINCOS, TWO_OVER_PI_24 } from './sincos-table.js';

// the table path's short series for sin(r) and cos(r) − 1 (|r| ≤ 1/256): near −1/3!, 1/5!,
// 1/2!, −1/4!, 1/6!, but fitted over that interval (glibc's sn3, sn5, cs2, cs4, cs6)
const SN3 = -0.16666666666666488;
const SN5 = 0.008333332142857223;
const CS2 = 0.5;
const CS4 = -0.04166666666666644;
const CS6 = 0.001388888740079376;
// the small-argument polynomial's coefficients (minimax-adjusted −1/3!, 1/5!, …)
const S1 = -0.16666666666666666;
const S2 = 0.008333333333332329;
const S3 = -0.00019841269834414642;
const S4 = 2.755729806860771e-6;
const S5 = -2.5022014848318398e-8;
/** 1.5·2^45: its ulp is 1/128, so big + |x| rounds |x| to the nearest table point. */
const BIG = 52776558133248.0;
/** π/2 as hi + lo */
const HP0 = 1.5707963267948966;
const HP1 = 6.123233995736766e-17;
/** π/2 in pieces for x − n·π/2: mp1 + mp2 exact products with n < 2^27; pp3 + pp4 the rest */
const MP1 = 1.5707963407039642;
const MP2 = -1.3909067564377153e-8;
const PP3 = -4.97899623147991e-17;
const PP4 = -1.9034889620193266e-25;
const HPINV = 0.6366197723675814;
/** 1.5·2^52: adding it rounds to an integer */
const TOINT = 6755399441055744.0;

/**
 * Whether the plain sum y of hi + lo (lo being a correction computed without fused
 * multiply-adds, exact sum y + err) is known to round as the fused correction would: the
 * fused lo differs from the plain one by less than `slack`, so unless hi + lo lies within
 * slack of a rounding midpoint both round to y. Each kernel below evaluates plainly first and
 * runs the exact fused sequence only when this fails (a few calls in a hundred): emulated
 * fused multiply-adds cost about twenty operations each.
 */
function roundsAlike(y: number, err: number, slack: number): boolean {
  return y + (err + slack) === y && y + (err - slack) === y;
}

/** 2^-48: a fused a·b + c and the plain one differ by at most an ulp or two of the terms; this bounds a chain of them, with room. */
const FUSE_SLACK = 2 ** -48;

/** sin(x + dx) for |x| < 0.126: x + (x³·p(x²) − dx·x²/2 + dx), Horner with fused steps. */
function taylorSin(x: number, dx: number): number {
  const xx = x * x;
  const pp = (((S5 * xx + S4) * xx + S3) * xx + S2) * xx + S1;
  const tp = (pp * x - 0.5 * dx) * xx + dx;
  const yp = x + tp;
  if (roundsAlike(yp, tp - (yp - x), FUSE_SLACK * Math.abs(tp))) return yp;
  let p = fma(fma(fma(S5, xx, S4), xx, S3), xx, S2);
  p = fma(p, xx, S1);
  const t = fma(fma(p, x, -0.5 * dx), xx, dx);
  return x + t;
}

/** sin(x + dx) for |x + dx| ≤ 0.86 (dx a tiny correction). */
function sinKernel(x: number, dx: number): number {
  const ax = Math.abs(x);
  if (ax < 0.126) return taylorSin(x, dx);
  if (x <= 0) dx = -dx;
  const point = BIG + ax - BIG; // k/128, exactly
  const k = point * 128;
  const r = ax - point;
  const rr = r * r;
  const sn = SINCOS[4 * k];
  const ssn = SINCOS[4 * k + 1];
  const cs = SINCOS[4 * k + 2];
  const ccs = SINCOS[4 * k + 3];
  const sp = r + (r * rr * (rr * SN5 + SN3) + dx);
  const cp = r * dx + rr * (rr * (rr * CS6 + CS4) + CS2);
  const corp = ssn + sp * ccs - sn * cp + cs * sp;
  let y = sn + corp;
  if (!roundsAlike(y, corp - (y - sn), FUSE_SLACK * (Math.abs(sp) + Math.abs(cp)))) {
    const s = r + fma(r * rr, fma(rr, SN5, SN3), dx);
    const c = fma(r, dx, rr * fma(rr, fma(rr, CS6, CS4), CS2));
    y = sn + fma(cs, s, fma(-sn, c, fma(s, ccs, ssn)));
  }
  return x < 0 ? -y : y;
}

/** cos(x + dx) for |x + dx| ≤ 0.86. */
function cosKernel(x: number, dx: number): number {
  if (x < 0) dx = -dx;
  const ax = Math.abs(x);
  const point = BIG + ax - BIG;
  const k = point * 128;
  const r = ax - point + dx;
  const rr = r * r;
  const sn = SINCOS[4 * k];
  const ssn = SINCOS[4 * k + 1];
  const cs = SINCOS[4 * k + 2];
  const ccs = SINCOS[4 * k + 3];
  const sp = r * rr * (rr * SN5 + SN3) + r;
  const cp = rr * (rr * (rr * CS6 + CS4) + CS2);
  const corp = ccs - sp * ssn - cs * cp - sn * sp;
  const y = cs + corp;
  if (roundsAlike(y, corp - (y - cs), FUSE_SLACK * (Math.abs(sp) + Math.abs(cp)))) return y;
  const s = fma(r * rr, fma(rr, SN5, SN3), r);
  const c = rr * fma(rr, fma(rr, CS6, CS4), CS2);
  return cs + fma(-sn, s, fma(-cs, c, fma(-s, ssn, ccs)));
}

/** A reduced argument a + da and its quadrant (0…3). */
interface Reduced {
  a: number;
  da: number;
  n: number;
}

/** x − n·π/2 for |x| < 105414350, π/2 taken in four pieces (about 136 bits). */
function reduceMedium(x: number): Reduced {
  // n = x·2/π rounded, fused: the plain product rounds differently only within an ulp of a half
  const q = x * HPINV;
  let t = q + TOINT;
  if (!(Math.abs(Math.abs(q - (t - TOINT)) - 0.5) > Math.abs(q) * 2 ** -51))
    t = fma(x, HPINV, TOINT);
  const xn = t - TOINT;
  // xn < 2^27 and mp1, mp2, pp3 have at most 27 significant bits: these products are exact, so
  // the fused and the plain forms agree
  const y = x - xn * MP1 - xn * MP2;
  // t2 + db = y − xn·pp3, then b + db = that − xn·pp4, each with its rounding error kept
  const t2 = y - xn * PP3;
  let db = y - t2 - xn * PP3;
  // xn·pp4 is not exact: plain unless its rounding could move b or the correction
  const p4 = xn * PP4;
  const slack = Math.abs(p4) * 2 ** -52;
  let b = t2 - p4;
  let tail = t2 - b - p4;
  if (
    !roundsAlike(b, twoSumError(t2, -p4, b), slack) ||
    !roundsAlike(tail, twoSumError(t2 - b, -p4, tail), slack)
  ) {
    b = fma(-xn, PP4, t2);
    tail = fma(-xn, PP4, t2 - b);
  }
  db += tail;
  return { a: b, da: db, n: xn & 3 };
}

/** (u + v) − s exactly, for s = fl(u + v) (Knuth's two-sum). */
function twoSumError(u: number, v: number, s: number): number {
  const w = s - u;
  return u - (s - w) + (v - w);
}

const SPLIT = 134217729; // 2^27 + 1
const BIG_INT = 6755399441055744.0;
const BIG_INT_4 = 2.7021597764222976e16;
/** branred's own second piece of π/2 (mp1 + mp2 to 2^-54, mp2 with 26 significant bits) */
const BR_MP2 = -1.3909067675399456e-8;

/**
 * One of branred's two halves: the fraction of x·2/π (x with at most 27 significant bits)
 * as b + bb, and the integer part modulo 4 as sum (only the digits of 2/π that reach the
 * fraction or the last two bits of the integer part are used).
 */
function reduceHalf(x: number, exponent: number): { sum: number; b: number; bb: number } {
  let k = Math.trunc((exponent - 450) / 24);
  if (k < 0) k = 0;
  let scale = 2 ** (576 - 24 * k);
  const r = new Float64Array(6);
  for (let i = 0; i < 6; i++) {
    r[i] = x * TWO_OVER_PI_24[k + i] * scale;
    scale *= 2 ** -24;
  }
  let sum = 0;
  for (let i = 0; i < 3; i++) {
    const s = r[i] + BIG_INT - BIG_INT;
    sum += s;
    r[i] -= s;
  }
  let t = 0;
  for (let i = 5; i >= 0; i--) t += r[i];
  let bb = r[0] - t + r[1] + r[2] + r[3] + r[4] + r[5];
  let s = t + BIG_INT - BIG_INT;
  sum += s;
  t -= s;
  const b = t + bb;
  bb = t - b + bb;
  s = sum + BIG_INT_4 - BIG_INT_4;
  sum -= s;
  return { sum, b, bb };
}

const BITS = new DataView(new ArrayBuffer(8));
/** The biased binary exponent of a finite double (its bits 52…62). */
function biasedExponent(v: number): number {
  BITS.setFloat64(0, v);
  return (BITS.getUint16(0) >> 4) & 0x7ff;
}

/** x − n·π/2 for huge |x|: x·2^-600 split in two halves of 26 bits, each times 2/π in base 2^24. */
function reduceLarge(x: number): Reduced {
  x *= 2 ** -600;
  const t0 = x * SPLIT;
  const x1 = t0 - (t0 - x);
  const x2 = x - x1;
  const h1 = reduceHalf(x1, biasedExponent(x1));
  const h2 = reduceHalf(x2, biasedExponent(x2));
  let sum = h1.sum + h2.sum;
  let b = h1.b + h2.b;
  let bb = Math.abs(h1.b) > Math.abs(h2.b) ? h1.b - b + h2.b : h2.b - b + h1.b;
  if (b > 0.5) {
    b -= 1;
    sum += 1;
  } else if (b < -0.5) {
    b += 1;
    sum -= 1;
  }
  let s = b + (bb + h1.bb + h2.bb);
  let t = b - s + bb + (h1.bb + h2.bb);
  // (s + t)·π/2 as a double-double
  const w = s * SPLIT;
  const t1 = w - (w - s);
  const t2 = s - t1;
  b = s * HP0;
  bb = t1 * MP1 - b + t1 * BR_MP2 + t2 * MP1 + (t2 * BR_MP2 + s * HP1 + t * HP0);
  s = b + bb;
  t = b - s + bb;
  return { a: s, da: t, n: sum & 3 };
}

/** sin of the reduced argument, turned by n quarter turns. */
function quadrant(r: Reduced, n: number): number {
  const v = n & 1 ? cosKernel(r.a, r.da) : sinKernel(r.a, r.da);
  return n & 2 ? -v : v;
}

const SMALL_SIN = 2 ** -26;
const SMALL_COS = 2 ** -27;
/** glibc's branch points, the doubles whose high words it compares against (low word 0) */
const KERNEL_LIMIT = 0.85546875;
const NEAR_HALF_PI_LIMIT = 2.4262638092041016; // high word 0x400368fd
const MEDIUM_LIMIT = 105414336.0; // high word 0x419921fb

/**
 * sin(x) (x in radians), bit for bit what glibc's sin (2.28 and later, FMA build) returns:
 * NaN for ±Infinity and NaN, −0 for −0. Source: glibc's s_sin.c (IBM Accurate Mathematical
 * Library), described at the top of this file.
 */
export function libmSin(x: number): number {
  const ax = Math.abs(x);
  if (ax < SMALL_SIN) return x;
  if (ax < KERNEL_LIMIT) return sinKernel(x, 0);
  if (ax < NEAR_HALF_PI_LIMIT) {
    const v = cosKernel(HP0 - ax, HP1);
    return x < 0 ? -v : v;
  }
  if (!(ax < Infinity)) return NaN;
  const r = ax < MEDIUM_LIMIT ? reduceMedium(x) : reduceLarge(x);
  return quadrant(r, r.n);
}

/** cos(x) (x in radians), bit for bit what glibc's cos returns: NaN for ±Infinity and NaN. */
export function libmCos(x: number): number {
  const ax = Math.abs(x);
  if (ax < SMALL_COS) return 1;
  if (ax < KERNEL_LIMIT) return cosKernel(x, 0);
  if (ax < NEAR_HALF_PI_LIMIT) {
    const y = HP0 - ax;
    const a = y + HP1;
    return sinKernel(a, y - a + HP1);
  }
  if (!(ax < Infinity)) return NaN;
  const r = ax < MEDIUM_LIMIT ? reduceMedium(x) : reduceLarge(x);
  return quadrant(r, r.n + 1);
}
