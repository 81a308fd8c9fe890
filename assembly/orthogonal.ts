// Householder QR for orthogonal initialization, in WebAssembly with f64x2 SIMD: the same
// reflectors as src/nn/orthogonal.ts's TypeScript path, on Aᵀ (n × m, row-major), so every
// column of A is a contiguous row. The host calls these a panel (and a range of rows) at a
// time, which keeps each row in cache while a panel's reflectors pass over it and lets the
// host check for a stop between calls.
// Pointers are byte offsets into the memory the host provides; tau and diag hold n values.

// x · y over len values
@inline function dot(x: usize, y: usize, len: i32): f64 {
  let s0 = f64x2.splat(0);
  let s1 = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const o = <usize>i << 3;
    s0 = f64x2.add(s0, f64x2.mul(v128.load(x + o), v128.load(y + o)));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(x + o, 16), v128.load(y + o, 16)));
  }
  const s = f64x2.add(s0, s1);
  let t = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (; i < len; i++) t += load<f64>(x + (<usize>i << 3)) * load<f64>(y + (<usize>i << 3));
  return t;
}

// y −= f · x over len values
@inline function axpy(f: f64, x: usize, y: usize, len: i32): void {
  const fv = f64x2.splat(f);
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const o = <usize>i << 3;
    v128.store(y + o, f64x2.sub(v128.load(y + o), f64x2.mul(fv, v128.load(x + o))));
    v128.store(y + o, f64x2.sub(v128.load(y + o, 16), f64x2.mul(fv, v128.load(x + o, 16))), 16);
  }
  for (; i < len; i++) {
    const o = <usize>i << 3;
    store<f64>(y + o, load<f64>(y + o) - f * load<f64>(x + o));
  }
}

// Reflector k (stored in place of row k from column k) applied to one row: y ← y − tau v (v · y)
@inline function reflect(v: usize, tau: f64, y: usize, len: i32): void {
  axpy(tau * dot(v, y, len), v, y, len);
}

// Two rows at once: each load of v serves both (the kernel is bound by loads, not arithmetic).
function reflect2(v: usize, tau: f64, y1: usize, y2: usize, len: i32): void {
  let a0 = f64x2.splat(0);
  let a1 = f64x2.splat(0);
  let b0 = f64x2.splat(0);
  let b1 = f64x2.splat(0);
  let i = 0;
  for (; i + 4 <= len; i += 4) {
    const o = <usize>i << 3;
    const v0 = v128.load(v + o);
    const v1 = v128.load(v + o, 16);
    a0 = f64x2.add(a0, f64x2.mul(v0, v128.load(y1 + o)));
    a1 = f64x2.add(a1, f64x2.mul(v1, v128.load(y1 + o, 16)));
    b0 = f64x2.add(b0, f64x2.mul(v0, v128.load(y2 + o)));
    b1 = f64x2.add(b1, f64x2.mul(v1, v128.load(y2 + o, 16)));
  }
  const a = f64x2.add(a0, a1);
  const b = f64x2.add(b0, b1);
  let da = f64x2.extract_lane(a, 0) + f64x2.extract_lane(a, 1);
  let db = f64x2.extract_lane(b, 0) + f64x2.extract_lane(b, 1);
  for (let t = i; t < len; t++) {
    const o = <usize>t << 3;
    const x = load<f64>(v + o);
    da += x * load<f64>(y1 + o);
    db += x * load<f64>(y2 + o);
  }
  const fa = tau * da;
  const fb = tau * db;
  const fav = f64x2.splat(fa);
  const fbv = f64x2.splat(fb);
  i = 0;
  for (; i + 4 <= len; i += 4) {
    const o = <usize>i << 3;
    const v0 = v128.load(v + o);
    const v1 = v128.load(v + o, 16);
    v128.store(y1 + o, f64x2.sub(v128.load(y1 + o), f64x2.mul(fav, v0)));
    v128.store(y1 + o, f64x2.sub(v128.load(y1 + o, 16), f64x2.mul(fav, v1)), 16);
    v128.store(y2 + o, f64x2.sub(v128.load(y2 + o), f64x2.mul(fbv, v0)));
    v128.store(y2 + o, f64x2.sub(v128.load(y2 + o, 16), f64x2.mul(fbv, v1)), 16);
  }
  for (; i < len; i++) {
    const o = <usize>i << 3;
    const x = load<f64>(v + o);
    store<f64>(y1 + o, load<f64>(y1 + o) - fa * x);
    store<f64>(y2 + o, load<f64>(y2 + o) - fb * x);
  }
}

// Reflectors k0..k1-1 computed from rows k0..k1-1 of AT (n × m), each applied at once to the
// panel's later rows. Row k keeps v_k from column k on; tau[k] = 2 / (v · v), diag[k] = R[k][k].
export function factorPanel(AT: usize, m: i32, k0: i32, k1: i32, tau: usize, diag: usize): void {
  for (let k = k0; k < k1; k++) {
    const v = AT + ((<usize>k * <usize>m + <usize>k) << 3);
    const len = m - k;
    const x0 = load<f64>(v);
    const tail = len > 1 ? dot(v + 8, v + 8, len - 1) : 0.0;
    const norm = Math.sqrt(x0 * x0 + tail);
    const alpha = x0 > 0 ? -norm : norm;
    const v0 = x0 - alpha;
    const vv = v0 * v0 + tail;
    store<f64>(v, v0);
    store<f64>(diag + (<usize>k << 3), alpha);
    const t = vv > 0 ? 2 / vv : 0.0;
    store<f64>(tau + (<usize>k << 3), t);
    for (let j = k + 1; j < k1; j++) reflect(v, t, AT + ((<usize>j * <usize>m + <usize>k) << 3), len);
  }
}

// Rows j0..j1-1 of AT take reflectors k0..k1-1, in order.
export function applyPanel(AT: usize, m: i32, k0: i32, k1: i32, j0: i32, j1: i32, tau: usize): void {
  let j = j0;
  for (; j + 2 <= j1; j += 2) {
    for (let k = k0; k < k1; k++) {
      const off = <usize>k;
      reflect2(AT + ((off * <usize>m + off) << 3), load<f64>(tau + (off << 3)), AT + ((<usize>j * <usize>m + off) << 3), AT + ((<usize>(j + 1) * <usize>m + off) << 3), m - k);
    }
  }
  for (; j < j1; j++) {
    for (let k = k0; k < k1; k++) {
      const off = <usize>k;
      reflect(AT + ((off * <usize>m + off) << 3), load<f64>(tau + (off << 3)), AT + ((<usize>j * <usize>m + off) << 3), m - k);
    }
  }
}

// Rows i0..i1-1 of Qᵀ (n × m) take reflectors min(i, k1 − 1) down to k0 (rows before the
// panel's end are still e_i beyond their own index, so earlier reflectors cannot reach them).
export function formPanel(AT: usize, QT: usize, m: i32, k0: i32, k1: i32, i0: i32, i1: i32, tau: usize): void {
  let i = i0;
  for (; i < i1 && i < k1; i++) {
    for (let k = i; k >= k0; k--) {
      const off = <usize>k;
      reflect(AT + ((off * <usize>m + off) << 3), load<f64>(tau + (off << 3)), QT + ((<usize>i * <usize>m + off) << 3), m - k);
    }
  }
  for (; i + 2 <= i1; i += 2) {
    for (let k = k1 - 1; k >= k0; k--) {
      const off = <usize>k;
      reflect2(AT + ((off * <usize>m + off) << 3), load<f64>(tau + (off << 3)), QT + ((<usize>i * <usize>m + off) << 3), QT + ((<usize>(i + 1) * <usize>m + off) << 3), m - k);
    }
  }
  for (; i < i1; i++) {
    for (let k = k1 - 1; k >= k0; k--) {
      const off = <usize>k;
      reflect(AT + ((off * <usize>m + off) << 3), load<f64>(tau + (off << 3)), QT + ((<usize>i * <usize>m + off) << 3), m - k);
    }
  }
}
