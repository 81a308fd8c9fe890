// Glorot & Bengio 2010, "Understanding the difficulty of training deep feedforward neural
// networks", Sec. 4.2: with the standard U(±1/√n) weights (n Var(w) = 1/3) a tanh net's
// back-propagated gradient shrinks by about √(1/3) per layer, with the normalized
// U(±√6/√(n_in + n_out)) it stays near 1, while the weight gradients look alike in both.
// A layer's Jacobian then has mean singular value ≈ 8s/(3π) (quarter-circle law, entries of
// variance s²/n): 0.49 standard, 0.85 normalized.
import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { RandomState } from '../rng/random-state.js';
import { scalarActivation } from '../theory/activation-calculus.js';
import { chi1, lengthMap } from '../theory/mean-field.js';
import { backwardPass, type DeepNet, forwardPass } from './deep-net.js';
import { gaussianInputs } from './inputs.js';
import { check, type Check, type Reproduction, type SeriesPoint } from './result.js';

/** Mean singular value of D·W (N × N), D = diag(tanh′(h)), by ml-matrix's SVD. */
function meanSingularValue(W: Float64Array, d: Float64Array, n: number): number {
  const M = new Matrix(n, n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) M.set(i, j, d[i] * W[i * n + j]);
  const s = new SingularValueDecomposition(M, {
    computeLeftSingularVectors: false,
    computeRightSingularVectors: false,
  }).diagonal;
  return s.reduce((a, b) => a + b, 0) / n;
}

export const glorot2010: Reproduction = {
  name: 'glorot2010',
  title:
    'Xavier/Glorot: the normalized initialization keeps back-propagated gradients from shrinking',
  claim:
    "tanh, 5 layers of 1000: the back-propagated gradient shrinks per layer by √(n Var w) times the layer's RMS tanh′ — √(1/3) = 0.577 with U(±1/√n) and 1 with the normalized init in the linear regime; a layer Jacobian's mean singular value is ≈ 0.5 vs ≈ 0.8 (8s/(3π))",
  sources: [
    'Glorot & Bengio 2010, Understanding the difficulty of training deep feedforward neural networks, AISTATS, Sec. 4.2 and Figs. 6–8',
    'the quarter-circle law for the singular values of a Gaussian matrix',
  ],
  run({ quick, seed }) {
    const tanh = scalarActivation('tanh');
    const width = quick ? 200 : 1000;
    const depth = 5;
    const m = quick ? 20 : 50;
    const rs = new RandomState(seed);
    const checks: Check[] = [];
    const points: SeriesPoint[] = [];
    for (const [label, weightVar] of [
      ['standard U(±1/√n)', 1 / 3],
      ['normalized U(±√6/√(2n))', 1],
    ] as const) {
      const net: DeepNet = { width, depth, act: tanh, weightVar, biasVar: 0, law: 'uniform' };
      const X = gaussianInputs(rs, width, m);
      const fwd = forwardPass(net, X, m, rs, { keep: true });
      const back = backwardPass(net, X, m, fwd.weights, fwd.pre, rs);
      // per-layer ratio of the back-propagated gradient's std (layer l over layer l+1), and what
      // the mean-field theory says it is: √(σ_w² E[φ′(h)²]) at that layer's q
      const ratios: number[] = [];
      for (let l = 1; l < depth; l++) {
        const ratio = back[l - 1].backpropStd / back[l].backpropStd;
        ratios.push(ratio);
        points.push({
          series: label,
          kind: 'measured',
          x: l,
          y: back[l - 1].backpropStd / back[depth - 1].backpropStd,
        });
      }
      // mean field: q^1 = σ_w² (N(0, 1) inputs), then the length map; the gradient's std shrinks
      // from layer l+1 to l by √(σ_w² E[φ′(h^l)²]) = √χ₁(q^l)
      const q = [weightVar];
      for (let l = 1; l < depth; l++) q.push(lengthMap(tanh, net, q[l - 1]));
      const predictedRatios = q.slice(0, depth - 1).map((ql) => Math.sqrt(chi1(tanh, net, ql)));
      let theory = 1;
      for (let l = depth; l >= 1; l--) {
        points.push({ series: label, kind: 'theory', x: l, y: theory });
        if (l > 1) theory *= predictedRatios[l - 2];
      }
      const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
      // the paper's argument is the linear regime's (tanh′ ≈ 1 near 0): there the ratio is
      // √(n Var w), 1 normalized and √(1/3) standard. Dividing each measured ratio by the RMS of
      // tanh′(h^l) at its layer (δ^l = tanh′(h^l) ⊙ W^{l+1}ᵀ δ^{l+1}) takes tanh′ < 1 out, so
      // what is left is the paper's quantity, checked as tightly as the mean-field ratio
      const rmsSlope = (h: Float64Array) => {
        let s = 0;
        for (const v of h) s += tanh.dphi(v) ** 2;
        return Math.sqrt(s / h.length);
      };
      const linearRatios = ratios.map((r, i) => r / rmsSlope(fwd.pre[i]));
      const published = Math.sqrt(weightVar);
      checks.push(
        check(
          `back-propagated gradient std, layer over the next, ${label}: the mean-field ratio √χ₁(q^l)`,
          mean(predictedRatios),
          mean(ratios),
          0.05,
          "initlab theory (Schoenholz et al. 2017, the gradients' χ₁)",
        ),
        check(
          `back-propagated gradient std, layer over the next, over the layer's RMS tanh′, ${label}: the published √(n Var w)`,
          published,
          mean(linearRatios),
          0.05,
          "Glorot & Bengio 2010, Sec. 4.2 (the linear regime's √(n Var w): √(1/3) vs 1; the layer's own tanh′ divided out)",
        ),
      );
      // the last layer: its weights alone (the quarter-circle law), and its Jacobian D·W at the first input
      const d = new Float64Array(width);
      const ones = new Float64Array(width).fill(1);
      for (let i = 0; i < width; i++) d[i] = tanh.dphi(fwd.pre[depth - 1][i * m]);
      const quarterCircle = (8 * Math.sqrt(weightVar)) / (3 * Math.PI);
      checks.push(
        check(
          `mean singular value of the last layer's weights, ${label}`,
          quarterCircle,
          meanSingularValue(fwd.weights[depth - 1], ones, width),
          0.02,
          '8s/(3π), the quarter-circle law',
        ),
        check(
          `mean singular value of the last layer's Jacobian D·W, ${label}`,
          weightVar === 1 ? 0.8 : 0.5,
          meanSingularValue(fwd.weights[depth - 1], d, width),
          0.07,
          'Glorot & Bengio 2010, Sec. 4.2.2 (≈ 0.5 standard, ≈ 0.8 normalized)',
        ),
      );
    }
    return {
      setup: `tanh, ${depth} layers of ${width}, uniform weights, no biases, ${m} N(0, 1) inputs, a N(0, 1) output gradient, seed ${seed}`,
      checks,
      figure: {
        x: 'layer',
        y: 'back-propagated gradient std (relative to the last layer)',
        logY: true,
        points,
      },
    };
  },
};
