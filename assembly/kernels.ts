// initlab's fast kernels: the same arithmetic as src/nn/kernels.ts (tsKernels), in
// WebAssembly with f64x2 SIMD. Lanes run over examples (the contiguous axis), so every
// output element is summed in the same order as the reference: forward and backward
// products are bit-identical to it, and so are the bias gradients (numpy's pairwise row sums);
// only the weight gradients (dot products over examples) round differently, by a few ulps.
// All pointers are byte offsets into the memory the host provides.

// Columns of examples per panel in the wide-layer kernels: a panel of A (k × PANEL) stays in
// the core's L2 cache while every block of output rows passes over it, instead of all of A
// streaming in from memory once per block (A is 4 MB at 256 × 2,000).
const PANEL = 96;
// Terms per pass of the sum over k: a pass walks DEPTH rows of the panel for every four
// columns, and those rows' cache lines must still be in L1 when the next four columns use the
// other half of them. Between passes the partial sums wait in the output itself, and the next
// pass continues from them, so each element's additions happen in the same order as without
// blocking (a stored and reloaded double is exact): results stay bit-identical.
const DEPTH = 128;

// Z (n × m) = W (n × k) · A (k × m) + b
// For wide layers, rows of Z are done four at a time (a 4 × 4 register tile), so each block
// of A loaded serves four rows; each element is still summed over k in order, as in the
// reference.
export function linearForward(W: usize, b: usize, A: usize, n: i32, k: i32, m: i32, Z: usize): void {
  linearForwardColumns(W, b, A, n, k, m, Z, 0, m);
}

// Columns c0..c1-1 of Z only. Every element's arithmetic is the same whatever the range, so
// threads that split the columns between them produce the single-threaded result exactly.
export function linearForwardColumns(W: usize, b: usize, A: usize, n: i32, k: i32, m: i32, Z: usize, c0: i32, c1: i32): void {
  let i = 0;
  // short rows (small k) stay in cache anyway: there the one-row kernel's wider column blocks win
  if (k >= 16 && n >= 4) {
    const n4 = n & ~3;
    const c4 = c0 + ((c1 - c0) & ~3);
    for (let j0 = c0; j0 < c4; j0 += PANEL) {
      const j1 = min(j0 + PANEL, c4);
      for (let p0 = 0; p0 < k; p0 += DEPTH) {
        const p1 = min(p0 + DEPTH, k);
        for (let r = 0; r < n4; r += 4) linearForwardRows4(W, b, A, r, k, m, Z, j0, j1, p0, p1);
      }
    }
    for (let r = 0; r < n4; r++) linearForwardTail(W, b, A, r, k, m, Z, c4, c1);
    i = n4;
  }
  for (; i < n; i++) linearForwardRow(W, b, A, i, k, m, Z, c0, c1, 0);
}

// Z = W · A + b as linearForward, and R = relu(Z) in the same pass where the layer is narrow
// (the one-row kernel: small k or n), saving a pass over Z; the same numbers as linearForward
// then reluForward.
export function linearForwardRelu(W: usize, b: usize, A: usize, n: i32, k: i32, m: i32, Z: usize, R: usize): void {
  if (k >= 16 && n >= 4) {
    linearForward(W, b, A, n, k, m, Z);
    reluForward(Z, R, n * m);
  } else for (let i = 0; i < n; i++) linearForwardRow(W, b, A, i, k, m, Z, 0, m, R);
}

// stores z at dst and, when R is not 0, relu(z) at the same offset from R as dst from Z
@inline
function storeRelu(dst: usize, z: v128, R: usize, Z: usize): void {
  v128.store(dst, z);
  if (R) v128.store(dst - Z + R, v128.and(z, f64x2.gt(z, f64x2.splat(0))));
}

// rows i..i+3, columns j0..j1-1 (a multiple of 4 apart), terms p0..p1-1 of the sums: the first
// pass starts from zero, later ones from the partial sums in Z, the last one adds the bias
function linearForwardRows4(W: usize, b: usize, A: usize, i: i32, k: i32, m: i32, Z: usize, j0: i32, j1: i32, p0: i32, p1: i32): void {
  const zero = f64x2.splat(0);
  const rowBytes = <usize>m << 3;
  const kBytes = <usize>k << 3;
  const w0 = W + (<usize>(i * k) << 3);
  const z0 = Z + <usize>i * rowBytes;
  const b0 = v128.load64_splat(b + (<usize>i << 3));
  const b1 = v128.load64_splat(b + (<usize>(i + 1) << 3));
  const b2 = v128.load64_splat(b + (<usize>(i + 2) << 3));
  const b3 = v128.load64_splat(b + (<usize>(i + 3) << 3));
  const first = p0 == 0;
  const last = p1 == k;
  for (let j = j0; j < j1; j += 4) {
    const o = <usize>j << 3;
    const zr0 = z0 + o, zr1 = zr0 + rowBytes, zr2 = zr1 + rowBytes, zr3 = zr2 + rowBytes;
    let a00 = zero, a01 = zero, a10 = zero, a11 = zero, a20 = zero, a21 = zero, a30 = zero, a31 = zero;
    if (!first) {
      a00 = v128.load(zr0); a01 = v128.load(zr0, 16);
      a10 = v128.load(zr1); a11 = v128.load(zr1, 16);
      a20 = v128.load(zr2); a21 = v128.load(zr2, 16);
      a30 = v128.load(zr3); a31 = v128.load(zr3, 16);
    }
    let src = A + <usize>p0 * rowBytes + o;
    let wp = w0 + (<usize>p0 << 3);
    for (let p = p0; p < p1; p++) {
      const x0 = v128.load(src);
      const x1 = v128.load(src, 16);
      const c0 = v128.load64_splat(wp);
      const c1 = v128.load64_splat(wp + kBytes);
      const c2 = v128.load64_splat(wp + 2 * kBytes);
      const c3 = v128.load64_splat(wp + 3 * kBytes);
      a00 = f64x2.add(a00, f64x2.mul(c0, x0)); a01 = f64x2.add(a01, f64x2.mul(c0, x1));
      a10 = f64x2.add(a10, f64x2.mul(c1, x0)); a11 = f64x2.add(a11, f64x2.mul(c1, x1));
      a20 = f64x2.add(a20, f64x2.mul(c2, x0)); a21 = f64x2.add(a21, f64x2.mul(c2, x1));
      a30 = f64x2.add(a30, f64x2.mul(c3, x0)); a31 = f64x2.add(a31, f64x2.mul(c3, x1));
      src += rowBytes;
      wp += 8;
    }
    if (last) {
      a00 = f64x2.add(a00, b0); a01 = f64x2.add(a01, b0);
      a10 = f64x2.add(a10, b1); a11 = f64x2.add(a11, b1);
      a20 = f64x2.add(a20, b2); a21 = f64x2.add(a21, b2);
      a30 = f64x2.add(a30, b3); a31 = f64x2.add(a31, b3);
    }
    v128.store(zr0, a00); v128.store(zr0, a01, 16);
    v128.store(zr1, a10); v128.store(zr1, a11, 16);
    v128.store(zr2, a20); v128.store(zr2, a21, 16);
    v128.store(zr3, a30); v128.store(zr3, a31, 16);
  }
}

// R: where relu(Z) goes too (0: nowhere)
function linearForwardRow(W: usize, b: usize, A: usize, i: i32, k: i32, m: i32, Z: usize, c0: i32, c1: i32, R: usize): void {
  const zero = f64x2.splat(0);
  const rowBytes = <usize>m << 3;
  const z = Z + <usize>i * rowBytes;
  const w = W + (<usize>(i * k) << 3);
  const bias = v128.load64_splat(b + (<usize>i << 3));
  let j = c0;
  for (; j + 8 <= c1; j += 8) {
    let a0 = zero, a1 = zero, a2 = zero, a3 = zero;
    let src = A + (<usize>j << 3);
    for (let p = 0; p < k; p++) {
      const wp = v128.load64_splat(w + (<usize>p << 3));
      a0 = f64x2.add(a0, f64x2.mul(wp, v128.load(src)));
      a1 = f64x2.add(a1, f64x2.mul(wp, v128.load(src, 16)));
      a2 = f64x2.add(a2, f64x2.mul(wp, v128.load(src, 32)));
      a3 = f64x2.add(a3, f64x2.mul(wp, v128.load(src, 48)));
      src += rowBytes;
    }
    const dst = z + (<usize>j << 3);
    storeRelu(dst, f64x2.add(a0, bias), R, Z);
    storeRelu(dst + 16, f64x2.add(a1, bias), R, Z);
    storeRelu(dst + 32, f64x2.add(a2, bias), R, Z);
    storeRelu(dst + 48, f64x2.add(a3, bias), R, Z);
  }
  linearForwardTail(W, b, A, i, k, m, Z, j, c1);
  if (R) for (let t = j; t < c1; t++) {
    const v = load<f64>(z + (<usize>t << 3));
    store<f64>(R + <usize>i * rowBytes + (<usize>t << 3), v > 0 ? v : 0);
  }
}

// columns j0..j1-1 of row i, one at a time
function linearForwardTail(W: usize, b: usize, A: usize, i: i32, k: i32, m: i32, Z: usize, j0: i32, j1: i32): void {
  const rowBytes = <usize>m << 3;
  const z = Z + <usize>i * rowBytes;
  const w = W + (<usize>(i * k) << 3);
  for (let j = j0; j < j1; j++) {
    let s: f64 = 0;
    let src = A + (<usize>j << 3);
    for (let p = 0; p < k; p++) {
      s += load<f64>(w + (<usize>p << 3)) * load<f64>(src);
      src += rowBytes;
    }
    store<f64>(z + (<usize>j << 3), s + load<f64>(b + (<usize>i << 3)));
  }
}

// dAprev (k × m) = Wᵀ · dZ (n × m), W (n × k)
export function backwardLinear(W: usize, dZ: usize, n: i32, k: i32, m: i32, dA: usize): void {
  backwardLinearColumns(W, dZ, n, k, m, dA, 0, m);
}

// Columns c0..c1-1 of dAprev only (the same arithmetic whatever the range, as above)
export function backwardLinearColumns(W: usize, dZ: usize, n: i32, k: i32, m: i32, dA: usize, c0: i32, c1: i32): void {
  let p0 = 0;
  // wide layers: four output rows per pass over a panel of dZ (as linearForward does over A)
  if (n >= 16 && k >= 4) {
    const k4 = k & ~3;
    const c4 = c0 + ((c1 - c0) & ~3);
    for (let j0 = c0; j0 < c4; j0 += PANEL) {
      const j1 = min(j0 + PANEL, c4);
      for (let i0 = 0; i0 < n; i0 += DEPTH) {
        const i1 = min(i0 + DEPTH, n);
        for (let p = 0; p < k4; p += 4) backwardLinearRows4(W, dZ, n, k, m, dA, p, j0, j1, i0, i1);
      }
    }
    for (let p = 0; p < k4; p++) backwardLinearTail(W, dZ, n, k, m, dA, p, c4, c1);
    p0 = k4;
  }
  backwardLinearRows(W, dZ, n, k, m, dA, p0, c0, c1, 0, 0);
}

// dAprev = Wᵀ · dZ as backwardLinear, then dZprev = Aprev > 0 ? dAprev : 0 (the ReLU's
// backward step) in the same pass where the layer is narrow; the same numbers as
// backwardLinear then reluBackward.
export function backwardLinearRelu(W: usize, dZ: usize, n: i32, k: i32, m: i32, dA: usize, Aprev: usize, dZprev: usize): void {
  if (n >= 16 && k >= 4) {
    backwardLinear(W, dZ, n, k, m, dA);
    reluBackward(dA, Aprev, dZprev, k * m);
  } else backwardLinearRows(W, dZ, n, k, m, dA, 0, 0, m, Aprev, dZprev);
}

// stores v at dst and, when dZprev is not 0, the ReLU's backward step at the same offset
@inline
function storeReluBackward(dst: usize, v: v128, dA: usize, Aprev: usize, dZprev: usize): void {
  v128.store(dst, v);
  if (dZprev) v128.store(dst - dA + dZprev, v128.and(v, f64x2.gt(v128.load(dst - dA + Aprev), f64x2.splat(0))));
}

// output rows p..p+3, columns j0..j1-1 (a multiple of 4 apart), terms i0..i1-1 of the sums
// (passes over the terms as in linearForwardRows4)
function backwardLinearRows4(W: usize, dZ: usize, n: i32, k: i32, m: i32, dA: usize, p: i32, j0: i32, j1: i32, i0: i32, i1: i32): void {
  const zero = f64x2.splat(0);
  const rowBytes = <usize>m << 3;
  const colStride = <usize>k << 3;
  const out = dA + <usize>p * rowBytes;
  const first = i0 == 0;
  for (let j = j0; j < j1; j += 4) {
    const o = out + (<usize>j << 3);
    const o1 = o + rowBytes, o2 = o1 + rowBytes, o3 = o2 + rowBytes;
    let a00 = zero, a01 = zero, a10 = zero, a11 = zero, a20 = zero, a21 = zero, a30 = zero, a31 = zero;
    if (!first) {
      a00 = v128.load(o); a01 = v128.load(o, 16);
      a10 = v128.load(o1); a11 = v128.load(o1, 16);
      a20 = v128.load(o2); a21 = v128.load(o2, 16);
      a30 = v128.load(o3); a31 = v128.load(o3, 16);
    }
    let src = dZ + <usize>i0 * rowBytes + (<usize>j << 3);
    let wp = W + <usize>i0 * colStride + (<usize>p << 3);
    for (let i = i0; i < i1; i++) {
      const x0 = v128.load(src);
      const x1 = v128.load(src, 16);
      const c0 = v128.load64_splat(wp);
      const c1 = v128.load64_splat(wp, 8);
      const c2 = v128.load64_splat(wp, 16);
      const c3 = v128.load64_splat(wp, 24);
      a00 = f64x2.add(a00, f64x2.mul(c0, x0)); a01 = f64x2.add(a01, f64x2.mul(c0, x1));
      a10 = f64x2.add(a10, f64x2.mul(c1, x0)); a11 = f64x2.add(a11, f64x2.mul(c1, x1));
      a20 = f64x2.add(a20, f64x2.mul(c2, x0)); a21 = f64x2.add(a21, f64x2.mul(c2, x1));
      a30 = f64x2.add(a30, f64x2.mul(c3, x0)); a31 = f64x2.add(a31, f64x2.mul(c3, x1));
      src += rowBytes;
      wp += colStride;
    }
    v128.store(o, a00); v128.store(o, a01, 16);
    v128.store(o1, a10); v128.store(o1, a11, 16);
    v128.store(o2, a20); v128.store(o2, a21, 16);
    v128.store(o3, a30); v128.store(o3, a31, 16);
  }
}

// output row p, columns j0..j1-1, one at a time
function backwardLinearTail(W: usize, dZ: usize, n: i32, k: i32, m: i32, dA: usize, p: i32, j0: i32, j1: i32): void {
  const rowBytes = <usize>m << 3;
  const colStride = <usize>k << 3;
  for (let j = j0; j < j1; j++) {
    let s: f64 = 0;
    let src = dZ + (<usize>j << 3);
    let wp = W + (<usize>p << 3);
    for (let i = 0; i < n; i++) {
      s += load<f64>(wp) * load<f64>(src);
      src += rowBytes;
      wp += colStride;
    }
    store<f64>(dA + <usize>p * rowBytes + (<usize>j << 3), s);
  }
}

// output rows p0..k-1, one at a time, columns c0..c1-1
// Aprev, dZprev: the ReLU's backward step too (0: not)
function backwardLinearRows(W: usize, dZ: usize, n: i32, k: i32, m: i32, dA: usize, p0: i32, c0: i32, c1: i32, Aprev: usize, dZprev: usize): void {
  const zero = f64x2.splat(0);
  const rowBytes = <usize>m << 3;
  const colStride = <usize>k << 3;
  for (let p = p0; p < k; p++) {
    const out = dA + <usize>p * rowBytes;
    const wcol = W + (<usize>p << 3);
    let j = c0;
    for (; j + 8 <= c1; j += 8) {
      let a0 = zero, a1 = zero, a2 = zero, a3 = zero;
      let src = dZ + (<usize>j << 3);
      let wp = wcol;
      for (let i = 0; i < n; i++) {
        const w = v128.load64_splat(wp);
        a0 = f64x2.add(a0, f64x2.mul(w, v128.load(src)));
        a1 = f64x2.add(a1, f64x2.mul(w, v128.load(src, 16)));
        a2 = f64x2.add(a2, f64x2.mul(w, v128.load(src, 32)));
        a3 = f64x2.add(a3, f64x2.mul(w, v128.load(src, 48)));
        src += rowBytes;
        wp += colStride;
      }
      const dst = out + (<usize>j << 3);
      storeReluBackward(dst, a0, dA, Aprev, dZprev);
      storeReluBackward(dst + 16, a1, dA, Aprev, dZprev);
      storeReluBackward(dst + 32, a2, dA, Aprev, dZprev);
      storeReluBackward(dst + 48, a3, dA, Aprev, dZprev);
    }
    for (; j < c1; j++) {
      let s: f64 = 0;
      let src = dZ + (<usize>j << 3);
      let wp = wcol;
      for (let i = 0; i < n; i++) {
        s += load<f64>(wp) * load<f64>(src);
        src += rowBytes;
        wp += colStride;
      }
      const o = out + (<usize>j << 3);
      store<f64>(o, s);
      if (dZprev) store<f64>(o - dA + dZprev, load<f64>(o - dA + Aprev) > 0 ? s : 0);
    }
  }
}

// dW (n × k) = dZ (n × m) · Aprevᵀ, db (n) = row sums of dZ
export function weightGradients(dZ: usize, A: usize, n: i32, k: i32, m: i32, dW: usize, db: usize): void {
  weightGradientsRows(dZ, A, n, k, m, dW, db, 0, n);
}

// Rows r0..r1-1 of dW and db only: every sum runs in the same order whatever the range, so
// threads that split the rows between them produce the single-threaded result exactly.
export function weightGradientsRows(dZ: usize, A: usize, n: i32, k: i32, m: i32, dW: usize, db: usize, r0: i32, r1: i32): void {
  if (n >= 16 && k >= 16) weightGradientsWide(dZ, A, k, m, dW, r0, r1);
  else weightGradientsNarrow(dZ, A, k, m, dW, r0, r1);
  rowSums(dZ, m, db, r0, r1);
}

// narrow layers: one dot product over all the examples at a time
function weightGradientsNarrow(dZ: usize, A: usize, k: i32, m: i32, dW: usize, r0: i32, r1: i32): void {
  const rowBytes = <usize>m << 3;
  const r2 = r0 + ((r1 - r0) & ~1);
  const k2 = k & ~1;
  // 2 × 2 tiles of dot products: each row loaded serves two dot products
  for (let i = r0; i < r2; i += 2) {
    for (let p = 0; p < k2; p += 2) dotTile2x2(dZ + <usize>i * rowBytes, A + <usize>p * rowBytes, rowBytes, m, dW + (<usize>(i * k + p) << 3), <usize>k << 3);
    if (k2 < k) for (let r = i; r < i + 2; r++) store<f64>(dW + (<usize>(r * k + k2) << 3), dot(dZ + <usize>r * rowBytes, A + <usize>k2 * rowBytes, m));
  }
  for (let i = r2; i < r1; i++) for (let p = 0; p < k; p++) store<f64>(dW + (<usize>(i * k + p) << 3), dot(dZ + <usize>i * rowBytes, A + <usize>p * rowBytes, m));
}

// Σ_j x[j]·y[j] over m doubles: two vector sums (elements 4t, 4t+1 and 4t+2, 4t+3), then the
// leftover elements one by one. dotTile2x2 sums each of its products in exactly this order.
function dot(x: usize, y: usize, m: i32): f64 {
  const m4 = m & ~3;
  let s0 = f64x2.splat(0), s1 = f64x2.splat(0);
  for (let j = 0; j < m4; j += 4) {
    const o = <usize>j << 3;
    s0 = f64x2.add(s0, f64x2.mul(v128.load(x + o), v128.load(y + o)));
    s1 = f64x2.add(s1, f64x2.mul(v128.load(x + o, 16), v128.load(y + o, 16)));
  }
  return finishDot(s0, s1, x, y, m4, m);
}

@inline
function finishDot(s0: v128, s1: v128, x: usize, y: usize, j0: i32, m: i32): f64 {
  const s = f64x2.add(s0, s1);
  let t = f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1);
  for (let j = j0; j < m; j++) t += load<f64>(x + (<usize>j << 3)) * load<f64>(y + (<usize>j << 3));
  return t;
}

// out[0], out[1], out[k], out[k + 1] = the dot products of rows x, x + 1 (of dZ) with rows y, y + 1 (of A)
function dotTile2x2(x: usize, y: usize, rowBytes: usize, m: i32, out: usize, outRow: usize): void {
  const m4 = m & ~3;
  const zero = f64x2.splat(0);
  const x1 = x + rowBytes, y1 = y + rowBytes;
  let a0 = zero, a1 = zero, b0 = zero, b1 = zero, c0 = zero, c1 = zero, d0 = zero, d1 = zero;
  for (let j = 0; j < m4; j += 4) {
    const o = <usize>j << 3;
    const u0 = v128.load(x + o), u1 = v128.load(x + o, 16);
    const v0 = v128.load(x1 + o), v1 = v128.load(x1 + o, 16);
    const p0 = v128.load(y + o), p1 = v128.load(y + o, 16);
    const q0 = v128.load(y1 + o), q1 = v128.load(y1 + o, 16);
    a0 = f64x2.add(a0, f64x2.mul(u0, p0)); a1 = f64x2.add(a1, f64x2.mul(u1, p1));
    b0 = f64x2.add(b0, f64x2.mul(u0, q0)); b1 = f64x2.add(b1, f64x2.mul(u1, q1));
    c0 = f64x2.add(c0, f64x2.mul(v0, p0)); c1 = f64x2.add(c1, f64x2.mul(v1, p1));
    d0 = f64x2.add(d0, f64x2.mul(v0, q0)); d1 = f64x2.add(d1, f64x2.mul(v1, q1));
  }
  store<f64>(out, finishDot(a0, a1, x, y, m4, m));
  store<f64>(out + 8, finishDot(b0, b1, x, y1, m4, m));
  store<f64>(out + outRow, finishDot(c0, c1, x1, y, m4, m));
  store<f64>(out + outRow + 8, finishDot(d0, d1, x1, y1, m4, m));
}

// Examples per panel of the wide gradient kernel: the panel of Aprev (k × GRAD_PANEL) stays in
// L2 while every block of four rows of dZ passes over it.
const GRAD_PANEL = 128;

// dW for wide layers: 4 × 2 tiles of dot products at once (six loads for eight products),
// summed panel by panel into dW
function weightGradientsWide(dZ: usize, A: usize, k: i32, m: i32, dW: usize, r0: i32, r1: i32): void {
  const rowBytes = <usize>m << 3;
  const m2 = m & ~1;
  const r4 = r0 + ((r1 - r0) & ~3);
  const k2 = k & ~1;
  memory.fill(dW + (<usize>(r0 * k) << 3), 0, <usize>((r1 - r0) * k) << 3);
  for (let j0 = 0; j0 < m2; j0 += GRAD_PANEL) {
    const j1 = min(j0 + GRAD_PANEL, m2);
    for (let i = r0; i < r4; i += 4) {
      for (let p = 0; p < k2; p += 2) gradientTile4x2(dZ, A, i, p, k, m, dW, j0, j1);
      if (k2 < k) for (let r = 0; r < 4; r++) gradientDot(dZ, A, i + r, k - 1, k, m, dW, j0, j1);
    }
    for (let i = r4; i < r1; i++) for (let p = 0; p < k; p++) gradientDot(dZ, A, i, p, k, m, dW, j0, j1);
  }
  if (m2 < m) {
    // an odd number of examples: the last one
    const o = <usize>m2 << 3;
    for (let i = r0; i < r1; i++) {
      const z = load<f64>(dZ + <usize>i * rowBytes + o);
      for (let p = 0; p < k; p++) {
        const w = dW + (<usize>(i * k + p) << 3);
        store<f64>(w, load<f64>(w) + z * load<f64>(A + <usize>p * rowBytes + o));
      }
    }
  }
}

// dW[i..i+3][p..p+1] += Σ over examples j0..j1-1 (an even count)
function gradientTile4x2(dZ: usize, A: usize, i: i32, p: i32, k: i32, m: i32, dW: usize, j0: i32, j1: i32): void {
  const zero = f64x2.splat(0);
  const rowBytes = <usize>m << 3;
  const o = <usize>j0 << 3;
  let z0 = dZ + <usize>i * rowBytes + o;
  let z1 = z0 + rowBytes;
  let z2 = z1 + rowBytes;
  let z3 = z2 + rowBytes;
  let a0 = A + <usize>p * rowBytes + o;
  let a1 = a0 + rowBytes;
  let s00 = zero, s01 = zero, s10 = zero, s11 = zero, s20 = zero, s21 = zero, s30 = zero, s31 = zero;
  for (let j = j0; j < j1; j += 2) {
    const y0 = v128.load(a0);
    const y1 = v128.load(a1);
    const x0 = v128.load(z0);
    const x1 = v128.load(z1);
    const x2 = v128.load(z2);
    const x3 = v128.load(z3);
    s00 = f64x2.add(s00, f64x2.mul(x0, y0)); s01 = f64x2.add(s01, f64x2.mul(x0, y1));
    s10 = f64x2.add(s10, f64x2.mul(x1, y0)); s11 = f64x2.add(s11, f64x2.mul(x1, y1));
    s20 = f64x2.add(s20, f64x2.mul(x2, y0)); s21 = f64x2.add(s21, f64x2.mul(x2, y1));
    s30 = f64x2.add(s30, f64x2.mul(x3, y0)); s31 = f64x2.add(s31, f64x2.mul(x3, y1));
    z0 += 16; z1 += 16; z2 += 16; z3 += 16; a0 += 16; a1 += 16;
  }
  const w = dW + (<usize>(i * k + p) << 3);
  const kBytes = <usize>k << 3;
  addLanes(w, s00); addLanes(w + 8, s01);
  addLanes(w + kBytes, s10); addLanes(w + kBytes + 8, s11);
  addLanes(w + 2 * kBytes, s20); addLanes(w + 2 * kBytes + 8, s21);
  addLanes(w + 3 * kBytes, s30); addLanes(w + 3 * kBytes + 8, s31);
}

// dW[i][p] += Σ over examples j0..j1-1 (an even count)
function gradientDot(dZ: usize, A: usize, i: i32, p: i32, k: i32, m: i32, dW: usize, j0: i32, j1: i32): void {
  const rowBytes = <usize>m << 3;
  const o = <usize>j0 << 3;
  let z = dZ + <usize>i * rowBytes + o;
  let a = A + <usize>p * rowBytes + o;
  let s = f64x2.splat(0);
  for (let j = j0; j < j1; j += 2) {
    s = f64x2.add(s, f64x2.mul(v128.load(z), v128.load(a)));
    z += 16; a += 16;
  }
  addLanes(dW + (<usize>(i * k + p) << 3), s);
}

@inline
function addLanes(ptr: usize, s: v128): void {
  store<f64>(ptr, load<f64>(ptr) + (f64x2.extract_lane(s, 0) + f64x2.extract_lane(s, 1)));
}

// db[r0..r1-1] = row sums of dZ (n × m), in numpy's order (np.sum(dZ, axis=1), as
// src/nn/sum.ts): pairwise within blocks of 8,192 elements, the blocks added in turn to 0.
// Bit-identical to the TypeScript reference.
function rowSums(dZ: usize, m: i32, db: usize, r0: i32, r1: i32): void {
  const rowBytes = <usize>m << 3;
  for (let i = r0; i < r1; i++) {
    const dz = dZ + <usize>i * rowBytes;
    let s: f64 = 0;
    for (let b = 0; b < m; b += NUMPY_BUFSIZE) s += pairwiseSum(dz + (<usize>b << 3), min(NUMPY_BUFSIZE, m - b));
    store<f64>(db + (<usize>i << 3), s);
  }
}

const NUMPY_BUFSIZE = 8192;
const PW_BLOCKSIZE = 128;

// numpy's pairwise_sum of the n doubles at p. The eight running sums r0..r7 live in four
// vectors, (r0, r1), (r2, r3), (r4, r5), (r6, r7): each lane adds the same elements in the same
// order as numpy's scalar r[j], and the final combination is numpy's
// ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7)).
function pairwiseSum(p: usize, n: i32): f64 {
  if (n < 8) {
    let res: f64 = 0;
    for (let i = 0; i < n; i++) res += load<f64>(p + (<usize>i << 3));
    return res;
  }
  if (n <= PW_BLOCKSIZE) {
    let r01 = v128.load(p), r23 = v128.load(p, 16), r45 = v128.load(p, 32), r67 = v128.load(p, 48);
    const n8 = n & ~7;
    let i = 8;
    for (; i < n8; i += 8) {
      const q = p + (<usize>i << 3);
      r01 = f64x2.add(r01, v128.load(q));
      r23 = f64x2.add(r23, v128.load(q, 16));
      r45 = f64x2.add(r45, v128.load(q, 32));
      r67 = f64x2.add(r67, v128.load(q, 48));
    }
    // (r0 + r1, r2 + r3) and (r4 + r5, r6 + r7)
    const lo = f64x2.add(v128.shuffle<f64>(r01, r23, 0, 2), v128.shuffle<f64>(r01, r23, 1, 3));
    const hi = f64x2.add(v128.shuffle<f64>(r45, r67, 0, 2), v128.shuffle<f64>(r45, r67, 1, 3));
    let res = (f64x2.extract_lane(lo, 0) + f64x2.extract_lane(lo, 1)) + (f64x2.extract_lane(hi, 0) + f64x2.extract_lane(hi, 1));
    for (; i < n; i++) res += load<f64>(p + (<usize>i << 3));
    return res;
  }
  let n2 = n >> 1;
  n2 -= n2 & 7;
  return pairwiseSum(p, n2) + pairwiseSum(p + (<usize>n2 << 3), n - n2);
}

// dZ = (1/m)·(A − Y)
export function outputGradient(A: usize, Y: usize, m: i32, dZ: usize): void {
  const inv: f64 = 1.0 / <f64>m;
  for (let j = 0; j < m; j++) {
    const o = <usize>j << 3;
    store<f64>(dZ + o, inv * (load<f64>(A + o) - load<f64>(Y + o)));
  }
}

// P ← P − lr·G
export function update(P: usize, G: usize, lr: f64, len: i32): void {
  const l = f64x2.splat(lr);
  let i = 0;
  for (; i + 2 <= len; i += 2) {
    const o = <usize>i << 3;
    v128.store(P + o, f64x2.sub(v128.load(P + o), f64x2.mul(l, v128.load(G + o))));
  }
  for (; i < len; i++) {
    const o = <usize>i << 3;
    store<f64>(P + o, load<f64>(P + o) - lr * load<f64>(G + o));
  }
}

// A = Z > 0 ? Z : 0 (NaN → 0, as the reference's comparison gives)
export function reluForward(Z: usize, A: usize, len: i32): void {
  const zero = f64x2.splat(0);
  let i = 0;
  for (; i + 2 <= len; i += 2) {
    const o = <usize>i << 3;
    const z = v128.load(Z + o);
    v128.store(A + o, v128.and(z, f64x2.gt(z, zero)));
  }
  for (; i < len; i++) {
    const o = <usize>i << 3;
    const z = load<f64>(Z + o);
    store<f64>(A + o, z > 0 ? z : 0);
  }
}

// dZ = A > 0 ? dA : 0
export function reluBackward(dA: usize, A: usize, dZ: usize, len: i32): void {
  const zero = f64x2.splat(0);
  let i = 0;
  for (; i + 2 <= len; i += 2) {
    const o = <usize>i << 3;
    v128.store(dZ + o, v128.and(v128.load(dA + o), f64x2.gt(v128.load(A + o), zero)));
  }
  for (; i < len; i++) {
    const o = <usize>i << 3;
    store<f64>(dZ + o, load<f64>(A + o) > 0 ? load<f64>(dA + o) : 0);
  }
}
