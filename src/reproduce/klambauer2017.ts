// Klambauer, Unterthiner, Mayr & Hochreiter 2017, "Self-Normalizing Neural Networks": SELU
// with weights of variance 1/fan_in keeps activations at std 1 through depth; PyTorch's
// calculate_gain('selu') = 3/4 (variance 9/16 per fan_in) lets them shrink.
import { RandomState } from '../rng/random-state.js';
import { scalarActivation } from '../theory/activation-calculus.js';
import { activationMoments, lengthMap } from '../theory/mean-field.js';
import { forwardPass } from './deep-net.js';
import { gaussianInputs } from './inputs.js';
import { check, type Check, type Reproduction, type SeriesPoint } from './result.js';

export const klambauer2017: Reproduction = {
  name: 'klambauer2017',
  title: 'Self-normalizing networks: SELU keeps std 1 through 100 layers',
  claim:
    "with N(0, 1/fan_in) weights, SELU activations keep std 1.00 through 100 layers of width 1000; with PyTorch's selu gain 3/4 the std falls to about 0.20",
  sources: [
    'Klambauer et al. 2017, Self-Normalizing Neural Networks, NeurIPS (arXiv:1706.02515)',
    'PyTorch pull request 50664 and the torch.nn.init.calculate_gain documentation (selu gain 3/4)',
  ],
  run({ quick, seed }) {
    const selu = scalarActivation('selu');
    const width = quick ? 600 : 1000;
    const depth = 100;
    const m = quick ? 40 : 200;
    const rs = new RandomState(seed);
    const points: SeriesPoint[] = [];
    const checks: Check[] = [];
    for (const [label, gain, target] of [
      ['gain 1 (lecun_normal)', 1, 1.0],
      ['gain 3/4 (PyTorch)', 0.75, 0.2],
    ] as const) {
      const net = {
        width,
        depth,
        act: selu,
        weightVar: gain * gain,
        biasVar: 0,
        law: 'gaussian' as const,
      };
      const measured = forwardPass(net, gaussianInputs(rs, width, m), m, rs).layers;
      let q = net.weightVar * 1; // layer 1: W x with ‖x‖²/N = 1; the length map from layer 2 on
      for (let l = 1; l <= depth; l++) {
        if (l > 1) q = lengthMap(selu, net, q);
        points.push(
          { series: label, kind: 'theory', x: l, y: activationMoments(selu, q).std },
          { series: label, kind: 'measured', x: l, y: measured[l - 1].std },
        );
      }
      const theoryStd = activationMoments(selu, q).std;
      const last = measured[depth - 1].std;
      checks.push(
        check(
          `activation std at layer 100, ${label}: the published value`,
          target,
          last,
          target === 1 ? 0.03 : 0.03,
          'Klambauer et al. 2017 (gain 1); PyTorch PR 50664 (gain 3/4)',
        ),
        check(
          `activation std at layer 100, ${label}: the mean-field length map`,
          theoryStd,
          last,
          0.05,
          'initlab theory: the length map from layer 2 to 100',
          true,
        ),
      );
    }
    return {
      setup: `SELU, ${depth} layers of ${width}, N(0, gain²/fan_in) weights, no biases, ${m} N(0, 1) inputs, seed ${seed}`,
      checks,
      figure: { x: 'layer', y: 'std of the activations', points },
    };
  },
};
