// exp(x) exactly as V8 computes Math.exp: V8's src/base/ieee754.cc takes it from FreeBSD's
// msun e_exp.c (fdlibm: reduce x to r = x − k·ln2 with |r| ≤ ln2/2, a degree-5 Remez
// polynomial for r, then scale by 2^k). The same operations in the same order give the same
// double, so sigmoids computed here are bit-identical to the TypeScript reference's
// 1 / (1 + Math.exp(−z)) (test/fused-training.test.ts checks it over many inputs).

const LN2_HI: f64 = 6.93147180369123816490e-1; // 0x3FE62E42 FEE00000
const LN2_LO: f64 = 1.90821492927058770002e-10; // 0x3DEA39EF 35793C76
const INV_LN2: f64 = 1.44269504088896338700e0;
const P1: f64 = 1.66666666666666019037e-1;
const P2: f64 = -2.77777777770155933842e-3;
const P3: f64 = 6.61375632143793436117e-5;
const P4: f64 = -1.65339022054652515390e-6;
const P5: f64 = 4.13813679705723846039e-8;
const O_THRESHOLD: f64 = 7.09782712893383973096e2;
const U_THRESHOLD: f64 = -7.45133219101941108420e2;
const TWO_M1000: f64 = 9.33263618503218878990e-302; // 2^-1000
const TWO_1023: f64 = 8.988465674311579539e307; // 2^1023
const E: f64 = 2.718281828459045;

export function fdlibmExp(x: f64): f64 {
  const bits = reinterpret<u64>(x);
  const sign = <i32>(bits >> 63);
  const hx = <u32>(bits >> 32) & 0x7fffffff; // high word of |x|
  if (hx >= 0x40862e42) {
    // |x| ≥ 709.78…: NaN, ±Infinity, overflow or underflow
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | <u32>bits) != 0) return x + x;
      return sign == 0 ? x : 0.0;
    }
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0.0;
  }
  let hi: f64 = 0, lo: f64 = 0;
  let k: i32 = 0;
  if (hx > 0x3fd62e42) {
    // |x| > ln2/2
    if (hx < 0x3ff0a2b2) {
      // and < 1.5·ln2: k = ±1 (V8 returns its own constant for exp(1))
      if (x == 1.0) return E;
      hi = sign == 0 ? x - LN2_HI : x + LN2_HI;
      lo = sign == 0 ? LN2_LO : -LN2_LO;
      k = 1 - sign - sign;
    } else {
      k = <i32>(INV_LN2 * x + (sign == 0 ? 0.5 : -0.5));
      const t = <f64>k;
      hi = x - t * LN2_HI; // exact: LN2_HI has trailing zero bits
      lo = t * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    // |x| < 2^-28
    return 1.0 + x;
  }
  const t = x * x;
  const twopk = reinterpret<f64>(<u64>(0x3ff00000 + ((k >= -1021 ? k : k + 1000) << 20)) << 32);
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k == 0) return 1.0 - ((x * c) / (c - 2.0) - x);
  const y = 1.0 - ((lo - (x * c) / (2.0 - c)) - hi);
  if (k >= -1021) {
    if (k == 1024) return y * 2.0 * TWO_1023;
    return y * twopk;
  }
  return y * twopk * TWO_M1000;
}

// A = 1 / (1 + exp(−Z)) over len values, as src/nn/activations.ts's sigmoid writes it
export function sigmoidForward(Z: usize, A: usize, len: i32): void {
  for (let i = 0; i < len; i++) {
    const o = <usize>i << 3;
    store<f64>(A + o, 1.0 / (1.0 + fdlibmExp(-load<f64>(Z + o))));
  }
}

// dZ = dA · a · (1 − a), left to right as the reference
export function sigmoidBackward(dA: usize, A: usize, dZ: usize, len: i32): void {
  for (let i = 0; i < len; i++) {
    const o = <usize>i << 3;
    const a = load<f64>(A + o);
    store<f64>(dZ + o, load<f64>(dA + o) * a * (1.0 - a));
  }
}
