// The correlation map at one length q as a power series in c (Mehler's formula): with
// α_k = E[φ(√q z) He_k(z)] / √k!, two unit-correlated normals' E[φ(u1) φ(u2)] = Σ α_k² c^k,
// and by Price's theorem E[φ′(u1) φ′(u2)] = (1/q) Σ k α_k² c^(k−1). Once the α_k are known
// (one pass of fixed quadrature), c* and χ_c cost nothing more, where the nested adaptive
// quadrature costs hundreds of milliseconds per point: what a phase diagram's grid needs.
// Sources: Mehler (1866); Poole et al. 2016, Appendix; Daniely et al. 2016 (dual activations).
import type { ScalarActivation } from './activation-calculus.js';
import { Z_MAX } from './quadrature.js';

/** Terms kept: c^K ≤ 0.97^400 ≈ 5e-6 relative to the series' own mass, and far less below c = 0.9. */
const TERMS = 400;
/** Gauss–Legendre panels of this width in z keep ψ_400 (wavelength ≈ 0.22) resolved. */
const PANEL = 0.1;

// 16-point Gauss–Legendre nodes (positive half) and weights on [-1, 1].
const GL_X = [
  0.0950125098376374, 0.2816035507792589, 0.4580167776572274, 0.6178762444026438, 0.755404408355003,
  0.8656312023878318, 0.9445750230732326, 0.9894009349916499,
];
const GL_W = [
  0.1894506104550685, 0.1826034150449236, 0.1691565193950025, 0.1495959888165767,
  0.1246289712555339, 0.0951585116824928, 0.0622535239386479, 0.0271524594117541,
];

/** The series of one activation at length q. */
export interface CorrelationSeries {
  /** α_k² for k = 0 … TERMS − 1 (zeros past the point where the rest is rounding). */
  squares: Float64Array;
  /** E[φ(√q z)²] − Σ α_k²: the mass beyond the last term (≥ 0 up to rounding). */
  rest: number;
}

/** Quadrature nodes and weights for E[·] over z ~ N(0, 1), split at the kinks (given in z). */
function nodes(kinksZ: readonly number[]): { z: number[]; w: number[] } {
  const cuts = [
    -Z_MAX,
    ...kinksZ.filter((k) => k > -Z_MAX && k < Z_MAX).sort((a, b) => a - b),
    Z_MAX,
  ];
  const z: number[] = [];
  const w: number[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const panels = Math.max(1, Math.ceil((cuts[i + 1] - cuts[i]) / PANEL));
    const h = (cuts[i + 1] - cuts[i]) / panels;
    for (let p = 0; p < panels; p++) {
      const mid = cuts[i] + (p + 0.5) * h;
      for (let j = 0; j < GL_X.length; j++) {
        for (const sign of [-1, 1]) {
          const x = mid + (sign * GL_X[j] * h) / 2;
          z.push(x);
          w.push((GL_W[j] * h) / 2);
        }
      }
    }
  }
  return { z, w };
}

/**
 * α_k² for k < TERMS at length q, by the normalized Hermite recurrence ψ_{k+1} = (z ψ_k −
 * √k ψ_{k−1}) / √(k+1) on the density-weighted functions (no overflow for |z| ≤ 10).
 */
export function correlationSeries(act: ScalarActivation, q: number): CorrelationSeries {
  const s = Math.sqrt(q);
  const { z, w } = nodes(act.kinks.map((k) => k / s));
  const n = z.length;
  const f = new Float64Array(n);
  const prev = new Float64Array(n);
  const cur = new Float64Array(n);
  let second = 0;
  for (let i = 0; i < n; i++) {
    const d = 0.3989422804014327 * Math.exp(-0.5 * z[i] * z[i]);
    const v = act.phi(s * z[i]);
    f[i] = w[i] * v;
    second += w[i] * d * v * v;
    cur[i] = d; // ψ_0 · density
  }
  const squares = new Float64Array(TERMS);
  let total = 0;
  // the terms stop early once the mass left is below rounding (smooth activations: a few dozen)
  for (let k = 0; k < TERMS && second - total > 1e-16 * second; k++) {
    let a = 0;
    for (let i = 0; i < n; i++) a += f[i] * cur[i];
    squares[k] = a * a;
    total += a * a;
    const up = 1 / Math.sqrt(k + 1);
    const down = Math.sqrt(k);
    for (let i = 0; i < n; i++) {
      const next = (z[i] * cur[i] - down * prev[i]) * up;
      prev[i] = cur[i];
      cur[i] = next;
    }
  }
  return { squares, rest: Math.max(0, second - total) };
}

/**
 * E[φ(u1) φ(u2)] and E[φ′(u1) φ′(u2)] at correlation c ∈ [0, 1), with a bound on what the
 * dropped terms could add to each (from the series' remaining mass, since c^k and k c^(k−1)
 * fall with k past the last term when c < K/(K+1)).
 */
export function seriesAt(
  series: CorrelationSeries,
  q: number,
  c: number,
): { phiPhi: number; slope: number; phiPhiError: number; slopeError: number } {
  let phiPhi = 0;
  let d = 0;
  let power = 1;
  const { squares } = series;
  for (let k = 0; k < squares.length; k++) {
    phiPhi += squares[k] * power;
    if (k + 1 < squares.length) d += (k + 1) * squares[k + 1] * power;
    power *= c;
  }
  const K = squares.length;
  const falling = c < K / (K + 1);
  return {
    phiPhi,
    slope: d / q,
    phiPhiError: falling ? series.rest * power : Infinity,
    slopeError: !falling ? Infinity : c > 0 ? (series.rest * K * power) / (c * q) : 0,
  };
}
