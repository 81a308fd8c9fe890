// He, Zhang, Ren & Sun 2015, "Delving Deep into Rectifiers" (ICCV), Figs. 2–3: plain ReLU
// nets keep their signal with Var(w) = 2/n; with Var(w) = 1/n (Xavier as Caffe and the
// notebook define it) the second moment halves at every layer, a 30-layer net stalls while a
// 22-layer one still trains, more slowly than with He. A CPU-sized version: width 32, the
// notebook's circles, full-batch gradient descent, sigmoid + cross-entropy, zero biases.
import { makeDataset } from './circles-data.js';
import { NOTEBOOK_TRAIN_SPEC } from '../experiments/notebook-config.js';
import { buildNetwork } from '../experiments/run.js';
import { train } from '../train/train.js';
import { checkAtLeast, type Check, type Reproduction, type SeriesPoint } from './result.js';

const LN2 = Math.log(2);
/** A run has converged when its cost falls below this (ln 2 ≈ 0.693 is chance). */
const CONVERGED = 0.1;
/** The cost a run must pass on its way down, to compare how soon two inits get going. */
const UNDER_WAY = 0.3;

function layersOf(depth: number, width: number): number[] {
  return [2, ...Array.from({ length: depth - 1 }, () => width), 1];
}

export const he2015: Reproduction = {
  name: 'he2015',
  title: 'Delving deep into rectifiers: He trains 30-layer ReLU nets where Xavier (1/n) stalls',
  claim: 'plain ReLU nets, width 32: at depth 30 Var(w) = 1/n stalls at cost ≈ ln 2 for most seeds while Var(w) = 2/n converges; at depth 22 both converge, He several times sooner',
  sources: ['He et al. 2015, Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet Classification, ICCV (arXiv:1502.01852), Sec. 2.2 and Figs. 2–3'],
  run({ quick, seed }) {
    const data = makeDataset();
    const seeds = quick ? [seed + 1] : [seed + 1, seed + 2, seed + 3];
    const iterations = quick ? 1000 : 3000;
    const every = 50;
    const points: SeriesPoint[] = [];
    const runs: { depth: number; init: string; seed: number; final: number; underWay: number; stalled: boolean }[] = [];
    const plan = quick ? [{ depth: 22, inits: ['he', 'xavier'] }, { depth: 30, inits: ['xavier'] }] : [{ depth: 22, inits: ['he', 'xavier'] }, { depth: 30, inits: ['he', 'xavier'] }];
    for (const { depth, inits } of plan) {
      for (const init of inits) {
        for (const s of seeds) {
          const net = buildNetwork({ init, seed: s, layers: layersOf(depth, 32), activation: 'relu' });
          const r = train(net, data, { learningRate: 0.05, iterations, recordEvery: every });
          const costs = r.costs.map((c) => c.cost);
          const underWay = r.costs.find((c) => c.cost < UNDER_WAY)?.iteration ?? Infinity;
          // stalled: never really learned (no recorded cost below 0.5) and ends at chance (within 0.05 of ln 2)
          const stalled = costs.every((c) => c >= 0.5) && Math.abs(costs[costs.length - 1] - LN2) < 0.05;
          runs.push({ depth, init, seed: s, final: costs[costs.length - 1], underWay, stalled });
          if (s === seeds[0]) for (const c of r.costs) points.push({ series: `${init}, depth ${depth}`, kind: 'measured', x: c.iteration, y: c.cost });
        }
      }
    }
    for (let x = 0; x <= iterations; x += every) points.push({ series: 'chance: ln 2', kind: 'theory', x, y: LN2 });
    const count = (depth: number, init: string, f: (r: (typeof runs)[number]) => boolean) => runs.filter((r) => r.depth === depth && r.init === init && f(r)).length;
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const most = Math.floor(seeds.length / 2) + 1;
    const checks: Check[] = [
      checkAtLeast(`seeds where Xavier (1/n) stalls at ln 2, depth 30 (of ${seeds.length})`, most, count(30, 'xavier', (r) => r.stalled), 'He et al. 2015, Fig. 3: the 30-layer net with Var = 1/n does not learn'),
      checkAtLeast(`seeds where He converges (cost < ${CONVERGED}), depth 22 (of ${seeds.length})`, most, count(22, 'he', (r) => r.final < CONVERGED), 'He et al. 2015, Fig. 2'),
    ];
    const heSoon = median(runs.filter((r) => r.depth === 22 && r.init === 'he').map((r) => r.underWay));
    const xavierSoon = median(runs.filter((r) => r.depth === 22 && r.init === 'xavier').map((r) => r.underWay));
    if (!quick) {
      checks.push(
        checkAtLeast(`seeds where He converges, depth 30 (of ${seeds.length})`, most, count(30, 'he', (r) => r.final < CONVERGED), 'He et al. 2015, Fig. 3: the 30-layer net with Var = 2/n converges'),
        checkAtLeast(`seeds where Xavier converges, depth 22 (of ${seeds.length})`, most, count(22, 'xavier', (r) => r.final < CONVERGED), 'He et al. 2015, Fig. 2: both converge at 22 layers'),
      );
    }
    // the median iterations to get under way (Infinity: never within the run)
    checks.push(checkAtLeast(`Xavier's iterations to cost ${UNDER_WAY} over He's, depth 22`, 1.5, xavierSoon / heSoon, 'He et al. 2015, Fig. 2: He starts reducing the error earlier'));
    return {
      setup: `ReLU, width 32, depths ${plan.map((p) => p.depth).join(' and ')}, ${NOTEBOOK_TRAIN_SPEC}, gradient descent lr 0.05, ${iterations} iterations, weight seeds ${seeds.join(', ')}`,
      checks,
      figure: { x: 'iteration', y: 'cost (first seed)', points },
    };
  },
};
