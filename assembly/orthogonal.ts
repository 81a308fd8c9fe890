// Householder QR for orthogonal initialization, in WebAssembly with f64x2 SIMD: the same
// reflectors as src/nn/orthogonal.ts's TypeScript path, on Aᵀ (n × m, row-major), so every
// column of A is a contiguous row. A panel of reflectors is computed row by row, then applied
// to the later rows as one block (I − V T Vᵀ), two rows and four reflectors per pass. The
// host calls these a panel and a range of rows at a time, and checks for a stop between calls.
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

// ---- Blocked: a panel's reflectors as one block, I − V T Vᵀ (LAPACK's dlarft, forward and
// columnwise), so each pass over a row carries four reflectors and two rows at once.

// Vd (nb × L, L = m − k0): row p is v_{k0+p} over columns k0..m−1, zero before its start;
// T (nb × nb, upper triangular) with H_{k0} ⋯ H_{k1−1} = I − V T Vᵀ.
export function buildBlock(AT: usize, m: i32, k0: i32, k1: i32, tau: usize, Vd: usize, T: usize): void {
  const nb = k1 - k0;
  const L = m - k0;
  for (let p = 0; p < nb; p++) {
    const row = Vd + ((<usize>p * <usize>L) << 3);
    for (let c = 0; c < p; c++) store<f64>(row + (<usize>c << 3), 0);
    memory.copy(row + (<usize>p << 3), AT + ((<usize>(k0 + p) * <usize>m + <usize>(k0 + p)) << 3), <usize>(L - p) << 3);
  }
  for (let i = 0; i < nb; i++) {
    const ti = load<f64>(tau + (<usize>(k0 + i) << 3));
    const vi = Vd + ((<usize>i * <usize>L) << 3);
    // T[p][i] = −tau_i (v_p · v_i) for p < i (v_i is zero before column i) …
    for (let p = 0; p < i; p++) {
      const vp = Vd + ((<usize>p * <usize>L) << 3);
      store<f64>(T + ((<usize>(p * nb + i)) << 3), -ti * dot(vp + (<usize>i << 3), vi + (<usize>i << 3), L - i));
    }
    // … then T[0:i, i] = T[0:i, 0:i] · T[0:i, i], in place from the top (row p reads q >= p)
    for (let p = 0; p < i; p++) {
      let s = 0.0;
      for (let q = p; q < i; q++) s += load<f64>(T + (<usize>(p * nb + q) << 3)) * load<f64>(T + (<usize>(q * nb + i) << 3));
      store<f64>(T + (<usize>(p * nb + i) << 3), s);
    }
    store<f64>(T + (<usize>(i * nb + i) << 3), ti);
    for (let p = i + 1; p < nb; p++) store<f64>(T + (<usize>(p * nb + i) << 3), 0);
  }
}

// Two rows y1, y2 (length L each) ← y − ((y V) M) Vᵀ with M = T (transposeT = 0: the
// factorization's H_{k1−1} ⋯ H_{k0}) or Tᵀ (1: forming Qᵀ, rows times H_{k1−1} ⋯ H_{k0}
// from the right). w holds 4·nb scratch values.
function blockRows(Vd: usize, T: usize, nb: i32, L: i32, y1: usize, y2: usize, w: usize, transposeT: i32): void {
  const stride = <usize>L << 3;
  const w1 = w;
  const w2 = w + (<usize>nb << 3);
  const u1 = w2 + (<usize>nb << 3);
  const u2 = u1 + (<usize>nb << 3);
  let p = 0;
  for (; p + 4 <= nb; p += 4) {
    const v0 = Vd + <usize>p * stride;
    const v1 = v0 + stride;
    const v2 = v1 + stride;
    const v3 = v2 + stride;
    let a0 = f64x2.splat(0), a1 = f64x2.splat(0), a2 = f64x2.splat(0), a3 = f64x2.splat(0);
    let b0 = f64x2.splat(0), b1 = f64x2.splat(0), b2 = f64x2.splat(0), b3 = f64x2.splat(0);
    let c = 0;
    for (; c + 2 <= L; c += 2) {
      const o = <usize>c << 3;
      const x1 = v128.load(y1 + o);
      const x2 = v128.load(y2 + o);
      let v = v128.load(v0 + o);
      a0 = f64x2.add(a0, f64x2.mul(v, x1));
      b0 = f64x2.add(b0, f64x2.mul(v, x2));
      v = v128.load(v1 + o);
      a1 = f64x2.add(a1, f64x2.mul(v, x1));
      b1 = f64x2.add(b1, f64x2.mul(v, x2));
      v = v128.load(v2 + o);
      a2 = f64x2.add(a2, f64x2.mul(v, x1));
      b2 = f64x2.add(b2, f64x2.mul(v, x2));
      v = v128.load(v3 + o);
      a3 = f64x2.add(a3, f64x2.mul(v, x1));
      b3 = f64x2.add(b3, f64x2.mul(v, x2));
    }
    let s0 = f64x2.extract_lane(a0, 0) + f64x2.extract_lane(a0, 1);
    let s1 = f64x2.extract_lane(a1, 0) + f64x2.extract_lane(a1, 1);
    let s2 = f64x2.extract_lane(a2, 0) + f64x2.extract_lane(a2, 1);
    let s3 = f64x2.extract_lane(a3, 0) + f64x2.extract_lane(a3, 1);
    let r0 = f64x2.extract_lane(b0, 0) + f64x2.extract_lane(b0, 1);
    let r1 = f64x2.extract_lane(b1, 0) + f64x2.extract_lane(b1, 1);
    let r2 = f64x2.extract_lane(b2, 0) + f64x2.extract_lane(b2, 1);
    let r3 = f64x2.extract_lane(b3, 0) + f64x2.extract_lane(b3, 1);
    for (; c < L; c++) {
      const o = <usize>c << 3;
      const x1 = load<f64>(y1 + o);
      const x2 = load<f64>(y2 + o);
      s0 += load<f64>(v0 + o) * x1; r0 += load<f64>(v0 + o) * x2;
      s1 += load<f64>(v1 + o) * x1; r1 += load<f64>(v1 + o) * x2;
      s2 += load<f64>(v2 + o) * x1; r2 += load<f64>(v2 + o) * x2;
      s3 += load<f64>(v3 + o) * x1; r3 += load<f64>(v3 + o) * x2;
    }
    const po = <usize>p << 3;
    store<f64>(w1 + po, s0); store<f64>(w1 + po, s1, 8); store<f64>(w1 + po, s2, 16); store<f64>(w1 + po, s3, 24);
    store<f64>(w2 + po, r0); store<f64>(w2 + po, r1, 8); store<f64>(w2 + po, r2, 16); store<f64>(w2 + po, r3, 24);
  }
  for (; p < nb; p++) {
    const v = Vd + <usize>p * stride;
    store<f64>(w1 + (<usize>p << 3), dot(v, y1, L));
    store<f64>(w2 + (<usize>p << 3), dot(v, y2, L));
  }
  // u = w M
  for (let q = 0; q < nb; q++) {
    let s = 0.0;
    let r = 0.0;
    if (transposeT) {
      for (let t = q; t < nb; t++) {
        const m = load<f64>(T + (<usize>(q * nb + t) << 3));
        s += load<f64>(w1 + (<usize>t << 3)) * m;
        r += load<f64>(w2 + (<usize>t << 3)) * m;
      }
    } else {
      for (let t = 0; t <= q; t++) {
        const m = load<f64>(T + (<usize>(t * nb + q) << 3));
        s += load<f64>(w1 + (<usize>t << 3)) * m;
        r += load<f64>(w2 + (<usize>t << 3)) * m;
      }
    }
    store<f64>(u1 + (<usize>q << 3), s);
    store<f64>(u2 + (<usize>q << 3), r);
  }
  // y −= u Vᵀ, four reflectors per pass
  p = 0;
  for (; p + 4 <= nb; p += 4) {
    const v0 = Vd + <usize>p * stride;
    const v1 = v0 + stride;
    const v2 = v1 + stride;
    const v3 = v2 + stride;
    const po = <usize>p << 3;
    const f0 = load<f64>(u1 + po), f1 = load<f64>(u1 + po, 8), f2 = load<f64>(u1 + po, 16), f3 = load<f64>(u1 + po, 24);
    const g0 = load<f64>(u2 + po), g1 = load<f64>(u2 + po, 8), g2 = load<f64>(u2 + po, 16), g3 = load<f64>(u2 + po, 24);
    const F0 = f64x2.splat(f0), F1 = f64x2.splat(f1), F2 = f64x2.splat(f2), F3 = f64x2.splat(f3);
    const G0 = f64x2.splat(g0), G1 = f64x2.splat(g1), G2 = f64x2.splat(g2), G3 = f64x2.splat(g3);
    let c = 0;
    for (; c + 2 <= L; c += 2) {
      const o = <usize>c << 3;
      const x0 = v128.load(v0 + o);
      const x1 = v128.load(v1 + o);
      const x2 = v128.load(v2 + o);
      const x3 = v128.load(v3 + o);
      const d1 = f64x2.add(f64x2.add(f64x2.mul(F0, x0), f64x2.mul(F1, x1)), f64x2.add(f64x2.mul(F2, x2), f64x2.mul(F3, x3)));
      const d2 = f64x2.add(f64x2.add(f64x2.mul(G0, x0), f64x2.mul(G1, x1)), f64x2.add(f64x2.mul(G2, x2), f64x2.mul(G3, x3)));
      v128.store(y1 + o, f64x2.sub(v128.load(y1 + o), d1));
      v128.store(y2 + o, f64x2.sub(v128.load(y2 + o), d2));
    }
    for (; c < L; c++) {
      const o = <usize>c << 3;
      const x0 = load<f64>(v0 + o), x1 = load<f64>(v1 + o), x2 = load<f64>(v2 + o), x3 = load<f64>(v3 + o);
      store<f64>(y1 + o, load<f64>(y1 + o) - ((f0 * x0 + f1 * x1) + (f2 * x2 + f3 * x3)));
      store<f64>(y2 + o, load<f64>(y2 + o) - ((g0 * x0 + g1 * x1) + (g2 * x2 + g3 * x3)));
    }
  }
  for (; p < nb; p++) {
    const v = Vd + <usize>p * stride;
    axpy(load<f64>(u1 + (<usize>p << 3)), v, y1, L);
    axpy(load<f64>(u2 + (<usize>p << 3)), v, y2, L);
  }
}

// Rows j0..j1−1 of Y (rows of length m; the block acts on columns k0..m−1) through the block
// built by buildBlock. An odd last row is paired with `spare` (m values of scratch).
export function applyBlock(Vd: usize, T: usize, k0: i32, k1: i32, m: i32, Y: usize, j0: i32, j1: i32, w: usize, spare: usize, transposeT: i32): void {
  const nb = k1 - k0;
  const L = m - k0;
  let j = j0;
  for (; j + 2 <= j1; j += 2) {
    blockRows(Vd, T, nb, L, Y + ((<usize>j * <usize>m + <usize>k0) << 3), Y + ((<usize>(j + 1) * <usize>m + <usize>k0) << 3), w, transposeT);
  }
  if (j < j1) blockRows(Vd, T, nb, L, Y + ((<usize>j * <usize>m + <usize>k0) << 3), spare, w, transposeT);
}
