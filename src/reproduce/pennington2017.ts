// Pennington, Schoenholz & Ganguli 2017, "Resurrecting the sigmoid in deep learning through
// dynamical isometry": at criticality the eigenvalues of J Jᵀ (J the input-output Jacobian)
// have mean 1 and variance σ² = L (μ₂/μ₁² − 1 − s₁), linear in depth L, where
// μ_k = E[φ′(h)^(2k)] and s₁ is −1 for Gaussian weights, 0 for orthogonal ones.
import { RandomState } from '../rng/random-state.js';
import { scalarActivation } from '../theory/activation-calculus.js';
import { derivativeMoment } from '../theory/mean-field.js';
import { type DeepNet, jacobianMoments, type WeightLaw } from './deep-net.js';
import { check, type Check, type Reproduction, type SeriesPoint } from './result.js';

/** The predicted growth of var(eig(J Jᵀ)) per layer. */
export function isometrySlope(activation: string, law: WeightLaw, q = 1): number {
  const act = scalarActivation(activation);
  const mu1 = derivativeMoment(act, q, 1);
  const mu2 = derivativeMoment(act, q, 2);
  const s1 = law === 'orthogonal' ? 0 : -1;
  return mu2 / (mu1 * mu1) - 1 - s1;
}

export const pennington2017: Reproduction = {
  name: 'pennington2017',
  title:
    "Dynamical isometry: the spread of the Jacobian's singular values grows linearly with depth",
  claim:
    'var(eig(J Jᵀ)) = L (μ₂/μ₁² − 1 − s₁): 0 for linear nets with orthogonal weights (exact isometry), 1 per layer for linear Gaussian, 1 for ReLU orthogonal, 2 for ReLU Gaussian',
  sources: [
    'Pennington, Schoenholz & Ganguli 2017, Resurrecting the sigmoid in deep learning through dynamical isometry, NeurIPS (arXiv:1711.04735), eq. 16',
  ],
  run({ quick, seed }) {
    const width = quick ? 200 : 400;
    const depths = quick ? [2, 3, 4] : [4, 8, 16];
    const seeds = quick ? 2 : 3;
    const rs = new RandomState(seed);
    const checks: Check[] = [];
    const points: SeriesPoint[] = [];
    const cases: { activation: string; law: WeightLaw; weightVar: number; target: number }[] = [
      { activation: 'linear', law: 'orthogonal', weightVar: 1, target: 0 },
      { activation: 'linear', law: 'gaussian', weightVar: 1, target: 1 },
      { activation: 'relu', law: 'orthogonal', weightVar: 2, target: 1 },
      { activation: 'relu', law: 'gaussian', weightVar: 2, target: 2 },
    ];
    for (const c of cases) {
      const label = `${c.activation}, ${c.law}`;
      const predicted = isometrySlope(c.activation, c.law);
      let num = 0,
        den = 0,
        meanEig = 0;
      for (const L of depths) {
        let v = 0,
          m1 = 0;
        for (let s = 0; s < seeds; s++) {
          const net: DeepNet = {
            width,
            depth: L,
            act: scalarActivation(c.activation),
            weightVar: c.weightVar,
            biasVar: 0,
            law: c.law,
          };
          const x = rs.randn(width); // ‖x‖²/N ≈ 1; ReLU's and linear's Jacobians do not depend on the scale
          const r = jacobianMoments(net, x, rs);
          v += r.variance / seeds;
          m1 += r.m1 / seeds;
        }
        num += L * v;
        den += L * L;
        meanEig += m1 / depths.length;
        points.push(
          { series: label, kind: 'theory', x: L, y: predicted * L },
          { series: label, kind: 'measured', x: L, y: v },
        );
      }
      const slope = num / den; // least squares through the origin
      checks.push(
        check(
          `slope of var(eig JJᵀ) per layer, ${label}: the paper's formula`,
          c.target,
          predicted,
          1e-9,
          'Pennington et al. 2017, eq. 16 with μ_k by quadrature',
        ),
        check(
          `slope of var(eig JJᵀ) per layer, ${label}: measured at width ${width}`,
          predicted,
          slope,
          c.target === 0 ? 1e-6 : quick ? 0.3 : 0.15,
          'the formula; finite width adds O(L/N)',
          c.target !== 0,
        ),
        check(
          `mean eigenvalue of JJᵀ, ${label}`,
          1,
          meanEig,
          quick ? 0.2 : 0.1,
          'criticality: σ_w² μ₁ = 1',
        ),
      );
    }
    return {
      setup: `width ${width}, depths ${depths.join(', ')}, ${seeds} draws each, no biases, input N(0, 1), seed ${seed}`,
      checks,
      figure: { x: 'depth L', y: 'variance of the eigenvalues of J Jᵀ', points },
    };
  },
};
