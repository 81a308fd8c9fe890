// Schoenholz, Gilmer, Ganguli & Sohl-Dickstein 2017, "Deep Information Propagation" (ICLR),
// building on Poole et al. 2016: the order-to-chaos line, the depth scale ξ_c, and two
// inputs' correlation layer by layer in a finite network beside the mean-field map.
import { RandomState } from '../rng/random-state.js';
import { scalarActivation } from '../theory/activation-calculus.js';
import { criticalWeightVar, meanField, pairTrajectory } from '../theory/mean-field.js';
import { type DeepNet, forwardPass } from './deep-net.js';
import { pairInputs } from './inputs.js';
import { check, type Check, type Reproduction, type SeriesPoint } from './result.js';

export const schoenholz2017: Reproduction = {
  name: 'schoenholz2017',
  title: 'Deep information propagation: the edge of chaos and the depth scales',
  claim:
    'tanh nets with σ_b² = 0.05 are critical at σ_w² ≈ 1.76; correlations between inputs relax over ξ_c layers (3.63 at σ_w² = 1) toward 1 (ordered) or c* < 1 (chaotic), and a finite network follows the mean-field maps',
  sources: [
    'Schoenholz et al. 2017, Deep Information Propagation, ICLR (arXiv:1611.01232)',
    'Poole et al. 2016, Exponential expressivity in deep neural networks through transient chaos, NeurIPS (arXiv:1606.05340)',
  ],
  run({ quick, seed }) {
    const tanh = scalarActivation('tanh');
    const width = quick ? 300 : 1000;
    // the pairs of one network share its weights and biases: independent networks average out
    // what one draw adds to every pair's correlation
    const nets = quick ? 4 : 6;
    const pairs = 3;
    const depth = quick ? 12 : 20;
    const checks: Check[] = [];
    const crit = criticalWeightVar(tanh, 0.05)!;
    const ordered = meanField(tanh, { weightVar: 1, biasVar: 0.05 });
    checks.push(
      check(
        'critical σ_w² at σ_b² = 0.05',
        1.760955,
        crit.weightVar,
        1e-6,
        'SciPy quadrature (research notes), Schoenholz et al. Fig. 1',
      ),
      check(
        'q* on the critical line',
        0.570048,
        crit.qStar,
        1e-6,
        'SciPy quadrature (research notes)',
      ),
      check('χ₁ at σ_w² = 1', 0.75903, ordered.chi1, 1e-5, 'SciPy quadrature (research notes)'),
      check(
        'ξ_c at σ_w² = 1 (layers)',
        3.627,
        ordered.xiC ?? NaN, // tanh at σ_b² = 0.05 has a q*: never null here
        1e-3,
        'SciPy quadrature (research notes)',
      ),
    );
    const points: SeriesPoint[] = [];
    const rs = new RandomState(seed);
    // a finite network: measured c^l against the map, from c0 = 0.5 and q0 = 1
    const tolerance = quick ? 0.08 : 0.05;
    for (const weightVar of [1, 3]) {
      const label = `σ_w² = ${weightVar} (${weightVar === 1 ? 'ordered' : 'chaotic'})`;
      const net: DeepNet = { width, depth, act: tanh, weightVar, biasVar: 0.05, law: 'gaussian' };
      // layer 1 is linear in the raw inputs (‖x‖²/N = 1, correlation 0.5); the maps act from layer 2 on
      const q1 = net.weightVar * 1 + net.biasVar;
      const c1 = (net.weightVar * 0.5 + net.biasVar) / q1;
      const theory = [
        { layer: 1, q: q1, c: c1 },
        ...pairTrajectory(tanh, net, q1, c1, depth - 1).map((l) => ({ ...l, layer: l.layer + 1 })),
      ];
      const measured = new Float64Array(depth);
      for (let k = 0; k < nets; k++) {
        forwardPass(net, pairInputs(rs, width, pairs, 1, 0.5), 2 * pairs, rs).layers.forEach(
          (l, i) => {
            measured[i] += l.c / nets;
          },
        );
      }
      let worst = 0;
      for (let l = 0; l < depth; l++) {
        points.push(
          { series: label, kind: 'theory', x: l + 1, y: theory[l].c },
          { series: label, kind: 'measured', x: l + 1, y: measured[l] },
        );
        worst = Math.max(worst, Math.abs(measured[l] - theory[l].c));
      }
      checks.push(
        check(
          `largest |c^l measured − c^l mean-field|, ${label}, width ${width}`,
          0,
          worst,
          tolerance,
          "the mean-field correlation map (one network's draw moves c by ~1/√width; averaged over the networks)",
        ),
      );
    }
    return {
      setup: `tanh, σ_b² = 0.05, ${depth} layers of ${width}, Gaussian weights, ${nets} networks × ${pairs} input pairs with q0 = 1, c0 = 0.5, seed ${seed}`,
      checks,
      figure: { x: 'layer', y: 'correlation c^l of two inputs', points },
    };
  },
};
