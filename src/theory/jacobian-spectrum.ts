// The singular values of one layer's Jacobian D·W at initialization, predicted from random
// matrix theory: W is N × N with independent zero-mean entries of variance σ_w²/N, and
// D = diag(φ′(h)) holds the layer's derivatives, whose spread the prediction takes as given.
//
// The squared singular values are the eigenvalues of S = Wᵀ D² W = (1/N) Xᵀ T X with X's
// entries of variance 1 and T = σ_w² D². As N → ∞ their law is the free multiplicative
// convolution of Marchenko–Pastur (ratio 1) with the law of τ = σ_w² d², and its Stieltjes
// transform m(z) = E[1/(λ − z)] solves (Silverstein & Bai 1995, J. Multivariate Anal. 54,
// eq. 1.4 with A = 0 and c = 1)
//     m(z) = 1 / (−z + E_τ[τ / (1 + τ m(z))]).
// On the negative axis z = −u² this equation is real with one positive root, and since
// √λ = (2/π) ∫₀^∞ λ/(λ + u²) du, the mean singular value is
//     E[√λ] = (2/π) ∫₀^∞ (1 − u² m(−u²)) du,
// a one-dimensional integral of a smooth function: no complex arithmetic, no density.
// With every τ = s² it is the quarter-circle law's 8s/(3π).
import { integrate } from './quadrature.js';

/**
 * E[λ/(λ + u²)] = 1 − u² m(−u²) for u > 0, from m = m(−u²), the root in (0, 1/u²] of
 * F(m) = m (u² + g(m)) − 1 with g(m) = E[τ/(1 + τ m)]. F is increasing and concave with
 * F(0) = −1, so Newton's steps from 0 climb to the root without passing it. At the root
 * 1 − u² m = m g(m), which is what is returned: no cancellation when u is large.
 */
function fractionAbove(tau: Float64Array, u2: number): number {
  const n = tau.length;
  let m = 0;
  for (let step = 0; step < 200; step++) {
    let g = 0; // E[τ/(1 + τm)]
    let dg = 0; // E[τ²/(1 + τm)²]
    for (let i = 0; i < n; i++) {
      const r = tau[i] / (1 + tau[i] * m);
      g += r;
      dg += r * r;
    }
    g /= n;
    dg /= n;
    const f = m * (u2 + g) - 1;
    const slope = u2 + g - m * dg;
    const next = m - f / slope;
    if (!(next > m) || next - m <= 1e-16 * next) return m * g;
    m = next;
  }
  return m * meanRatio(tau, m);
}

/** g(m) = E[τ/(1 + τ m)]. */
function meanRatio(tau: Float64Array, m: number): number {
  let g = 0;
  for (const t of tau) g += t / (1 + t * m);
  return g / tau.length;
}

/**
 * The mean singular value of D·W for N × N W with independent zero-mean entries of variance
 * σ_w²/N and D = diag(d), as N → ∞ with the d_i's spread as given (free multiplicative
 * convolution of Marchenko–Pastur with the law of σ_w² d²; see the header for the equation
 * and its source). Accurate to about 1e-10 relative; dimensionless.
 * @param weightVar σ_w², the weights' variance times N (> 0)
 * @param slopes the diagonal of D (the layer's φ′ at its pre-activations), any length ≥ 1
 */
export function meanSingularValueDW(weightVar: number, slopes: ArrayLike<number>): number {
  const tau = Float64Array.from(slopes, (d) => weightVar * d * d);
  let meanTau = 0;
  for (const t of tau) meanTau += t;
  meanTau /= tau.length;
  if (!(meanTau > 0)) return 0;
  // u = a·t/(1 − t) maps t ∈ [0, 1) onto u ∈ [0, ∞); with a = √E[τ] = √E[λ] the integrand's
  // 1/u² tail becomes a bounded function near t = 1
  const a = Math.sqrt(meanTau);
  const integrand = (t: number) => {
    if (t >= 1) return a; // E[λ]/u² · du/dt → E[τ]/a as u → ∞
    const u = (a * t) / (1 - t);
    const du = a / ((1 - t) * (1 - t));
    if (u === 0) return du;
    return fractionAbove(tau, u * u) * du;
  };
  return (2 / Math.PI) * integrate(integrand, 0, 1, 1e-11);
}
