// The natural logarithm exactly as the C library computes it, so that numpy's Gaussian draws
// (legacy_gauss: f = sqrt(−2·log(r²)/r²)) come out bit for bit in JavaScript.
//
// Why not Math.log: V8's Math.log (an fdlibm port) and glibc's log round differently in a few
// percent of cases, which makes about 2–3% of Gaussians 1 ulp off numpy's. A correctly rounded
// log is not the answer either: glibc (since 2.28, like musl since 1.1.22) uses the table-driven
// algorithm of ARM's optimized-routines (math/log.c, 2018), documented as accurate to 0.52 ulp,
// and on the polar method's r² it differs from the correctly rounded value about once in 1,200
// calls. So this file reproduces that algorithm operation for operation:
//   x = 2^k · z with z in [0x1.6p-1, 0x1.6p0) split into 128 subintervals; for z's subinterval,
//   r = z·(1/c) − 1 (one fused multiply-add, |r| < 1/256), and
//   log(x) = (k·ln2_hi + log c + r) + (k·ln2_lo + rounding corrections) + r²·A(r)
// with a separate polynomial in r = x − 1 for x within about 1/16 of 1. The constants are read
// from the installed libm by scripts/make_log_table.py (src/rng/log-table.ts).
//
// glibc's x86-64 libm runs a build compiled with FMA wherever the CPU has it (every x86-64 CPU
// since 2013; aarch64 always), and its compiler fuses each a·b + c of the C source into one
// fused multiply-add. JavaScript has no fused multiply-add, so `fma` below emulates one exactly.
// Checked against numpy's own draws: test/rng-bits.test.ts (fixture by scripts/make_gauss_fixture.py).
import { A, B, LN2_HI, LN2_LO, TABLE } from './log-table.js';

// Bit access to one double. Which 32-bit half is the high one depends on the platform's byte order.
const F = new Float64Array(1);
const U = new Uint32Array(F.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const LO = LITTLE ? 0 : 1;
const HI = LITTLE ? 1 : 0;

/** 2^27 + 1: Veltkamp's constant, splitting a double into two halves of 26 bits. */
const SPLIT = 134217729;

// 1/c of each subinterval, and its two halves for the exact product z · (1/c)
const INVC = new Float64Array(128);
const INVC_HI = new Float64Array(128);
const INVC_LO = new Float64Array(128);
const LOGC = new Float64Array(128);
for (let i = 0; i < 128; i++) {
  const v = TABLE[2 * i];
  const t = SPLIT * v;
  INVC[i] = v;
  INVC_HI[i] = t - (t - v);
  INVC_LO[i] = v - INVC_HI[i];
  LOGC[i] = TABLE[2 * i + 1];
}
const [A0, A1, A2, A3, A4] = A;
const [B0, B1, B2, B3, B4, B5, B6, B7, B8, B9, B10] = B;

/**
 * v moved to the odd neighbour on the side of the exact value v + err (err ≠ 0), unless v is
 * odd already: rounding to odd (its last significand bit set), which Boldo and Melquiond's
 * fused multiply-add needs for its middle sum.
 */
function toOdd(v: number, err: number): number {
  F[0] = v;
  if (U[LO] & 1) return v;
  if (v > 0 === err > 0)
    U[LO] += 1; // away from zero: the last bit is 0, so no carry
  else if (U[LO] === 0) {
    U[LO] = 0xffffffff;
    U[HI] -= 1;
  } else U[LO] -= 1;
  return F[0];
}

/**
 * a·b + c rounded once to nearest, as a hardware fused multiply-add gives it (for operands whose
 * products neither overflow nor underflow). The product and the sum are formed exactly as
 * pairs of doubles (Dekker's product, Knuth's two-sum); the two low parts are added with
 * rounding to odd, and the last addition then rounds the exact value correctly (S. Boldo and
 * G. Melquiond, "Emulation of FMA and correctly rounded sums: proved algorithms using rounding
 * to odd", IEEE Transactions on Computers 57(4), 2008).
 */
export function fma(a: number, b: number, c: number): number {
  const ph = a * b;
  let t = SPLIT * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = SPLIT * b;
  const bh = t - (t - b);
  const bl = b - bh;
  const pl = ah * bh - ph + ah * bl + al * bh + al * bl;
  const sh = ph + c;
  let d = sh - ph;
  const sl = ph - (sh - d) + (c - d);
  const v = pl + sl;
  d = v - pl;
  const ve = pl - (v - d) + (sl - d);
  return sh + (ve === 0 ? v : toOdd(v, ve));
}

/** x from 1 − 2^-4 up to (not including) 1 + 0x1.09p-4 takes the polynomial in x − 1. */
const NEAR_ONE_LO = 0.9375;
const NEAR_ONE_HI = 1.064697265625;
const SMALLEST_NORMAL = 2.2250738585072014e-308;
const TWO52 = 4503599627370496;
/** 2^-k for k = −1022 … 1024 (at index k + 1022): z = x·2^-k is exact (z is normal). */
const POW2_NEG = new Float64Array(2047);
for (let k = -1022; k <= 1024; k++) POW2_NEG[k + 1022] = 2 ** -k;
/**
 * How far e + hi must lie from a rounding midpoint (in the table path) for the plain
 * evaluation to be known to round as the fused one: well over the largest gap between the two
 * (|r| < 2^-7, so |r²·A0| < 2^-15 and |r³·p| < 2^-20, and each term rounds differently by a few
 * of its ulps: together less than 2^-67).
 */
const TABLE_SLACK = 2 ** -63;

/**
 * The natural logarithm of x, bit for bit what glibc's log (2.28 and later, FMA build) returns:
 * −Infinity for ±0, NaN for negative numbers and NaN, Infinity for Infinity.
 *
 * Each path is evaluated first with plain operations, then checked: the C code's fused
 * multiply-adds round once where plain code rounds twice, which moves the final sum by far less
 * than an ulp; unless that sum lies within the bound of such moves from a rounding midpoint (a
 * few calls in a thousand), the plain result is the fused one. Otherwise the fused sequence runs
 * with exact emulated fused multiply-adds.
 */
export function libmLog(x: number): number {
  if (x >= NEAR_ONE_LO && x < NEAR_ONE_HI) return logNearOne(x, false);
  return logTable(x, false);
}

/** libmLog with every fused multiply-add emulated, never the plain shortcut (for tests). */
export function libmLogFused(x: number): number {
  if (x >= NEAR_ONE_LO && x < NEAR_ONE_HI) return logNearOne(x, true);
  return logTable(x, true);
}

/** x = 2^k·z, log(x) = k·ln2 + log c + log1p(z/c − 1) for the c of z's subinterval. */
function logTable(x: number, fused: boolean): number {
  let kBias = 0;
  if (!(x >= SMALLEST_NORMAL && x < Infinity)) {
    if (x === 0) return -Infinity;
    if (x === Infinity) return x;
    if (!(x > 0)) return NaN;
    x *= TWO52; // a subnormal: scaled into the normal range, its exponent corrected below
    kBias = -52;
  }
  F[0] = x;
  // k: the exponent relative to z's range [0x1.6p-1, 0x1.6p0); i: the subinterval, from the
  // 7 significand bits that follow, counted from that range's start
  const tmp = (U[HI] - 0x3fe60000) | 0;
  const i = (tmp >>> 13) & 127;
  const ks = tmp >> 20;
  const z = x * POW2_NEG[ks + 1022];
  // r = fma(z, invc, −1): z·invc = ph + pl exactly (Dekker); ph is within 1% of 1, so ph − 1
  // is exact and one addition rounds the exact r, as the fused operation does
  const ph = z * INVC[i];
  const t = SPLIT * z;
  const zh = t - (t - z);
  const zl = z - zh;
  const bh = INVC_HI[i];
  const bl = INVC_LO[i];
  const r = ph - 1 + (zh * bh - ph + zh * bl + zl * bh + zl * bl);
  const kd = ks + kBias;
  // k·ln2_hi is exact (ln2_hi has 42 significant bits), so the plain sum rounds as the fused one
  const w = kd * LN2_HI + LOGC[i];
  const hi = w + r;
  const t0 = w - hi + r;
  const r2 = r * r;
  const r3 = r * r2;
  if (!fused) {
    const e = r3 * (r2 * (r * A4 + A3) + (r * A2 + A1)) + (r2 * A0 + (kd * LN2_LO + t0));
    const y = e + hi;
    const d = y - hi;
    const err = hi - (y - d) + (e - d); // e + hi = y + err exactly
    if (y + (err + TABLE_SLACK) === y && y + (err - TABLE_SLACK) === y) return y;
  }
  const lo = fma(kd, LN2_LO, t0);
  const p = fma(r2, fma(r, A4, A3), fma(r, A2, A1));
  return fma(r3, p, fma(r2, A0, lo)) + hi;
}

/** x near 1: r = x − 1 (exact), log1p(r) = r − r²/2 (in extra precision) + r³·s(r). */
function logNearOne(x: number, fused: boolean): number {
  if (x === 1) return 0;
  const r = x - 1;
  const r2 = r * r;
  const r3 = r * r2;
  // r = rhi + rlo with rhi of 26 bits, so that rhi²·B0 (B0 = −1/2) is exact
  const w0 = r * 134217728;
  const rhi = r + w0 - w0;
  const rlo = r - rhi;
  const w = rhi * rhi * B0;
  const hi = r + w;
  const lo0 = r - hi + w;
  if (!fused) {
    const s =
      r3 * (r3 * (r3 * B10 + (r2 * B9 + (r * B8 + B7))) + (r2 * B6 + (r * B5 + B4))) +
      (r2 * B3 + (r * B2 + B1));
    const lo = B0 * rlo * (rhi + r) + lo0;
    const e = r3 * s + lo;
    const y = e + hi;
    const d = y - hi;
    const err = hi - (y - d) + (e - d);
    // the fused and plain sums differ by less than 2^-50.9·|r³| + 2^-51·|lo| + 2^-79·r²
    // (s ≈ 1/3 to a few of its ulps, then one product and one sum); four times that:
    const slack = Math.abs(r3) * 2 ** -48 + Math.abs(lo) * 2 ** -48 + r2 * 2 ** -76;
    if (y + (err + slack) === y && y + (err - slack) === y) return y;
  }
  const in3 = fma(r3, B10, fma(r2, B9, fma(r, B8, B7)));
  const in2 = fma(r3, in3, fma(r2, B6, fma(r, B5, B4)));
  const s = fma(r3, in2, fma(r2, B3, fma(r, B2, B1)));
  return fma(r3, s, fma(B0 * rlo, rhi + r, lo0)) + hi;
}
