// Pennington, Schoenholz & Ganguli 2017, "Resurrecting the sigmoid in deep learning through
// dynamical isometry": at criticality the eigenvalues of J Jᵀ (J the input-output Jacobian)
// have mean 1 and variance σ² = L (μ₂/μ₁² − 1 − s₁), linear in depth L, where
// μ_k = E[φ′(h)^(2k)] and s₁ is −1 for Gaussian weights, 0 for orthogonal ones.
import { RandomState } from '../rng/random-state.js';
import { scalarActivation } from '../theory/activation-calculus.js';
import { criticalWeightVar, derivativeMoment } from '../theory/mean-field.js';
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
    'var(eig(J Jᵀ)) / mean² = L (μ₂/μ₁² − 1 − s₁) at criticality: 0 for linear nets with orthogonal weights (exact isometry), 1 per layer for linear Gaussian, 1 for ReLU orthogonal, 2 for ReLU Gaussian; tanh on the critical line near q* → 0 nearly isometric with orthogonal weights (0.044 at q* = 0.107), not with Gaussian ones (1.044)',
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
    // the paper's central case: tanh on the critical line near q* → 0, where φ′ ≈ 1 and
    // orthogonal weights keep the spread small (μ₂/μ₁² − 1 → 0) while Gaussian ones add 1 a layer;
    // σ_b² = 1e-3 puts the line at σ_w² ≈ 1.189, q* ≈ 0.107
    const tanhBiasVar = 1e-3;
    const tanhLine = criticalWeightVar(scalarActivation('tanh'), tanhBiasVar)!;
    const cases: {
      activation: string;
      law: WeightLaw;
      weightVar: number;
      biasVar: number;
      /** The pre-activations' length the inputs are scaled to (q*), for the saturating case. */
      qStar?: number;
      /** The formula's value where it has a closed form (the rectifiers), else null. */
      target: number | null;
    }[] = [
      { activation: 'linear', law: 'orthogonal', weightVar: 1, biasVar: 0, target: 0 },
      { activation: 'linear', law: 'gaussian', weightVar: 1, biasVar: 0, target: 1 },
      { activation: 'relu', law: 'orthogonal', weightVar: 2, biasVar: 0, target: 1 },
      { activation: 'relu', law: 'gaussian', weightVar: 2, biasVar: 0, target: 2 },
      ...(['orthogonal', 'gaussian'] as const).map((law) => ({
        activation: 'tanh',
        law,
        weightVar: tanhLine.weightVar,
        biasVar: tanhBiasVar,
        qStar: tanhLine.qStar,
        target: null,
      })),
    ];
    for (const c of cases) {
      const label = `${c.activation}${c.qStar ? ` (q* = ${c.qStar.toFixed(3)})` : ''}, ${c.law}`;
      const predicted = isometrySlope(c.activation, c.law, c.qStar ?? 1);
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
            biasVar: c.biasVar,
            law: c.law,
          };
          // ‖x‖²/N ≈ 1: ReLU's and linear's Jacobians do not depend on the scale; tanh's does,
          // so its inputs are φ(h) with h at q*, which puts every layer's pre-activations there
          const x = rs.randn(width);
          if (c.qStar)
            for (let i = 0; i < width; i++) x[i] = net.act.phi(Math.sqrt(c.qStar) * x[i]);
          const r = jacobianMoments(net, x, rs);
          // the spread relative to the mean: a draw whose mean eigenvalue is off 1 by chance
          // (Gaussian weights at finite width) scales its variance by m1², not the shape
          v += r.variance / (r.m1 * r.m1) / seeds;
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
      if (c.target !== null)
        checks.push(
          check(
            `slope of var(eig JJᵀ) per layer, ${label}: the paper's formula`,
            c.target,
            predicted,
            1e-9,
            'Pennington et al. 2017, eq. 16 with μ_k by quadrature',
          ),
        );
      // a small predicted slope (tanh, orthogonal: 0.044) is held to an absolute band under half
      // of it (a linear net's 0 must fail), as a
      // relative one would be finer than the O(L/N) that finite width adds
      const small = c.target !== 0 && predicted < 0.5;
      checks.push(
        check(
          `slope of var(eig JJᵀ) per layer, ${label}: measured at width ${width}`,
          predicted,
          slope,
          c.target === 0 ? 1e-6 : small ? (quick ? 0.02 : 0.015) : quick ? 0.3 : 0.15,
          c.target === null
            ? 'eq. 16 with μ_k = E[φ′(h)^2k] at q* by quadrature; finite width adds O(L/N)'
            : 'the formula; finite width adds O(L/N)',
          c.target !== 0 && !small,
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
      setup: `width ${width}, depths ${depths.join(', ')}, ${seeds} draws each; linear and ReLU without biases, input N(0, 1); tanh at σ_w² = ${tanhLine.weightVar.toFixed(4)}, σ_b² = ${tanhBiasVar} (the critical line), inputs tanh(√q* z); seed ${seed}`,
      checks,
      figure: { x: 'depth L', y: 'variance of the eigenvalues of J Jᵀ over their mean²', points },
    };
  },
};
