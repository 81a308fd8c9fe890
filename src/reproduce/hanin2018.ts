// Hanin & Rolnick 2018, "How to Start Training: The Effect of Initialization and
// Architecture": in He-initialized ReLU nets the per-example squared-length ratio
// M_L = (‖a^L‖²/n_L)/(‖x‖²/n_0) has E[M_L] = 1 but E[M_L²] = Π_j (1 + 5/n_j): fluctuations
// grow with the sum of the reciprocal widths. (One layer: with r = relu(h)²/E[relu(h)²],
// E[r] = 1 and E[r²] = 6, so E[M²] = 1 + 5/n; layers multiply.)
import { RandomState } from '../rng/random-state.js';
import { scalarActivation } from '../theory/activation-calculus.js';
import { forwardPass } from './deep-net.js';
import { gaussianInputs } from './inputs.js';
import { check, type Check, type Reproduction, type SeriesPoint } from './result.js';

/** E[M_L²] = Π_j (1 + 5/n_j) for `depth` hidden layers of `width`. */
export const secondMomentOfM = (width: number, depth: number) => (1 + 5 / width) ** depth;

export const hanin2018: Reproduction = {
  name: 'hanin2018',
  title:
    'ReLU nets at He initialization: the mean length is kept, its fluctuations grow with Σ 1/n_j',
  claim:
    'E[M_L] = 1 and E[M_L²] = Π_j (1 + 5/n_j): 1.105 at width 500 × depth 10, 77.9 at width 32 × depth 30',
  sources: [
    'Hanin & Rolnick 2018, How to Start Training: The Effect of Initialization and Architecture, NeurIPS (arXiv:1803.01719), Theorem 5',
  ],
  run({ quick, seed }) {
    const relu = scalarActivation('relu');
    const rs = new RandomState(seed);
    const checks: Check[] = [
      check(
        'E[M²] at width 500 × depth 10 (formula)',
        1.105,
        secondMomentOfM(500, 10),
        5e-4,
        "Hanin & Rolnick 2018 (the issue's independent figure)",
      ),
      check(
        'E[M²] at width 32 × depth 30 (formula)',
        77.9,
        secondMomentOfM(32, 30),
        0.05,
        "Hanin & Rolnick 2018 (the issue's independent figure)",
      ),
    ];
    const points: SeriesPoint[] = [];
    // M's fluctuations come mostly from the weights, so many small nets beat a few with many inputs
    const cases = quick
      ? [{ width: 100, depth: 10, nets: 150, m: 8 }]
      : [
          { width: 200, depth: 10, nets: 400, m: 8 },
          { width: 100, depth: 10, nets: 800, m: 8 },
        ];
    for (const c of cases) {
      const label = `width ${c.width}`;
      const sum = new Float64Array(c.depth);
      const sumSq = new Float64Array(c.depth);
      let count = 0;
      for (let k = 0; k < c.nets; k++) {
        const net = {
          width: c.width,
          depth: c.depth,
          act: relu,
          weightVar: 2,
          biasVar: 0,
          law: 'gaussian' as const,
        };
        const layers = forwardPass(net, gaussianInputs(rs, c.width, c.m), c.m, rs).layers;
        layers.forEach((l, i) => {
          for (const r of l.ratios) {
            sum[i] += r;
            sumSq[i] += r * r;
          }
        });
        count += c.m;
      }
      for (let l = 1; l <= c.depth; l++) {
        points.push(
          { series: label, kind: 'theory', x: l, y: secondMomentOfM(c.width, l) },
          { series: label, kind: 'measured', x: l, y: sumSq[l - 1] / count },
        );
      }
      const mean = sum[c.depth - 1] / count;
      const second = sumSq[c.depth - 1] / count;
      const excess = secondMomentOfM(c.width, c.depth) - 1;
      checks.push(
        check(
          `E[M_${c.depth}], ${label} (${count} examples)`,
          1,
          mean,
          quick ? 0.05 : 0.02,
          'Hanin & Rolnick 2018: the mean length is kept',
        ),
        check(
          `E[M_${c.depth}²] − 1, ${label} (${count} examples)`,
          excess,
          second - 1,
          quick ? 0.35 : 0.2,
          'Π_j (1 + 5/n_j) − 1; tolerance: Monte Carlo error of the excess',
          true,
        ),
      );
    }
    return {
      setup: `ReLU, He weights N(0, 2/fan_in), no biases, N(0, 1) inputs; ${cases.map((c) => `${c.nets} nets × ${c.m} inputs at width ${c.width}, depth ${c.depth}`).join('; ')}; seed ${seed}`,
      checks,
      figure: { x: 'layer', y: 'E[M²]', points },
    };
  },
};
