// He, Zhang, Ren & Sun 2015, "Delving Deep into Rectifiers" (ICCV), Figs. 2–3: plain ReLU
// nets keep their signal with Var(w) = 2/n; with Var(w) = 1/n (Xavier as Caffe and the
// notebook define it) the second moment halves at every layer, a 30-layer net stalls while a
// 22-layer one still trains, more slowly than with He. A CPU-sized version: width 32, the
// notebook's circles, full-batch gradient descent, sigmoid + cross-entropy, zero biases.
import { checkReproductionStop } from './stop-hook.js';
import { seedAfter } from '../rng/seed-after.js';
import { makeDataset } from './circles-data.js';
import { NOTEBOOK_TRAIN_SPEC } from '../experiments/notebook-config.js';
import { buildNetwork } from '../experiments/run.js';
import { type CostPoint, train } from '../train/train.js';
import { checkAtLeast, type Check, type Reproduction, type SeriesPoint } from './result.js';
import { maxOf } from '../extent.js';

const LN2 = Math.log(2);
/** A run has converged when its cost falls below this (ln 2 ≈ 0.693 is chance). */
const CONVERGED = 0.1;
/** The cost a run must pass on its way down, to compare how soon two inits get going. */
const UNDER_WAY = 0.3;

function layersOf(depth: number, width: number): number[] {
  return [2, ...Array.from({ length: depth - 1 }, () => width), 1];
}

/** One training run of the experiment: a depth, an initialization and a weight seed. */
export interface He2015Task {
  depth: number;
  init: string;
  seed: number;
  iterations: number;
}

/** A finished run: its recorded costs (every 50 iterations). */
export interface He2015Run extends He2015Task {
  costs: CostPoint[];
}

const RECORD_EVERY = 50;

/**
 * The runs the experiment needs, deepest first (so that a pool of workers ends together). The
 * quick form checks the same claims on one seed instead of three: both depths, both inits.
 */
export function he2015Tasks({ quick, seed }: { quick: boolean; seed: number }): He2015Task[] {
  const seeds = (quick ? [1] : [1, 2, 3]).map((k) => seedAfter(seed, k));
  // every run but the stalling one stops once converged; that one runs its whole budget, which
  // the quick form shortens (a stall over 1,000 iterations instead of 3,000)
  const iterations = (depth: number, init: string) =>
    quick && depth === 30 && init === 'xavier' ? 1000 : 3000;
  const plan = [
    { depth: 30, inits: ['he', 'xavier'] },
    { depth: 22, inits: ['he', 'xavier'] },
  ];
  return plan.flatMap(({ depth, inits }) =>
    inits.flatMap((init) =>
      seeds.map((s) => ({ depth, init, seed: s, iterations: iterations(depth, init) })),
    ),
  );
}

/** Trains one run: independent of every other, so the runs may go to separate threads. */
export function he2015Train(t: He2015Task): He2015Run {
  const net = buildNetwork({
    init: t.init,
    seed: t.seed,
    layers: layersOf(t.depth, 32),
    activation: 'relu',
  });
  // a run is judged by its first cost under UNDER_WAY and whether it gets under CONVERGED:
  // once there, the rest of its iterations cannot change the verdict, so it stops
  let last = Infinity;
  const r = train(net, makeDataset(), {
    learningRate: 0.05,
    iterations: t.iterations,
    recordEvery: RECORD_EVERY,
    progressEvery: RECORD_EVERY,
    onRecord: (p) => {
      checkReproductionStop();
      last = p.cost;
    },
    shouldStop: () => last < CONVERGED,
  });
  return { ...t, costs: r.costs };
}

/** The checks and the figure, from every run of he2015Tasks (in any order). */
export function he2015Conclude(
  { quick, seed }: { quick: boolean; seed: number },
  done: He2015Run[],
): ReturnType<Reproduction['run']> {
  const tasks = he2015Tasks({ quick, seed });
  const seeds = [...new Set(tasks.map((t) => t.seed))];
  const iterations = maxOf(tasks.map((t) => t.iterations));
  const points: SeriesPoint[] = [];
  const runs = done.map((d) => {
    const costs = d.costs.map((c) => c.cost);
    const underWay = d.costs.find((c) => c.cost < UNDER_WAY)?.iteration ?? Infinity;
    // stalled: never really learned (no recorded cost below 0.5) and ends at chance (within 0.05 of ln 2)
    const stalled = costs.every((c) => c >= 0.5) && Math.abs(costs[costs.length - 1] - LN2) < 0.05;
    return {
      depth: d.depth,
      init: d.init,
      seed: d.seed,
      final: costs[costs.length - 1],
      underWay,
      stalled,
    };
  });
  // the figure's series in a fixed order (depth 22 first, as the paper's Fig. 2 then 3)
  const order = [...done].sort(
    (a, b) =>
      a.depth - b.depth ||
      tasks.findIndex((t) => t.init === a.init && t.depth === a.depth) -
        tasks.findIndex((t) => t.init === b.init && t.depth === b.depth),
  );
  for (const d of order)
    if (d.seed === seeds[0])
      for (const c of d.costs)
        points.push({
          series: `${d.init}, depth ${d.depth}`,
          kind: 'measured',
          x: c.iteration,
          y: c.cost,
        });
  for (let x = 0; x <= iterations; x += RECORD_EVERY)
    points.push({ series: 'chance: ln 2', kind: 'theory', x, y: LN2 });
  const count = (depth: number, init: string, f: (r: (typeof runs)[number]) => boolean) =>
    runs.filter((r) => r.depth === depth && r.init === init && f(r)).length;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const most = Math.floor(seeds.length / 2) + 1;
  const checks: Check[] = [
    checkAtLeast(
      `seeds where Xavier (1/n) stalls at ln 2, depth 30 (of ${seeds.length})`,
      most,
      count(30, 'xavier', (r) => r.stalled),
      'He et al. 2015, Fig. 3: the 30-layer net with Var = 1/n does not learn',
    ),
    checkAtLeast(
      `seeds where He converges (cost < ${CONVERGED}), depth 22 (of ${seeds.length})`,
      most,
      count(22, 'he', (r) => r.final < CONVERGED),
      'He et al. 2015, Fig. 2',
    ),
  ];
  const heSoon = median(
    runs.filter((r) => r.depth === 22 && r.init === 'he').map((r) => r.underWay),
  );
  const xavierSoon = median(
    runs.filter((r) => r.depth === 22 && r.init === 'xavier').map((r) => r.underWay),
  );
  checks.push(
    checkAtLeast(
      `seeds where He converges, depth 30 (of ${seeds.length})`,
      most,
      count(30, 'he', (r) => r.final < CONVERGED),
      'He et al. 2015, Fig. 3: the 30-layer net with Var = 2/n converges',
    ),
    checkAtLeast(
      `seeds where Xavier converges, depth 22 (of ${seeds.length})`,
      most,
      count(22, 'xavier', (r) => r.final < CONVERGED),
      'He et al. 2015, Fig. 2: both converge at 22 layers',
    ),
  );
  // the median iterations to get under way (Infinity: never within the run)
  checks.push(
    checkAtLeast(
      `Xavier's iterations to cost ${UNDER_WAY} over He's, depth 22`,
      1.5,
      xavierSoon / heSoon,
      'He et al. 2015, Fig. 2: He starts reducing the error earlier',
    ),
  );
  const depths = [...new Set(tasks.map((t) => t.depth))].sort((a, b) => a - b);
  return {
    setup: `ReLU, width 32, depths ${depths.join(' and ')}, ${NOTEBOOK_TRAIN_SPEC}, gradient descent lr 0.05, up to ${iterations} iterations (a run stops once its cost is under ${CONVERGED}${quick ? '; Xavier at depth 30 runs 1,000' : ''}), weight seeds ${seeds.join(', ')}`,
    checks,
    figure: { x: 'iteration', y: 'cost (first seed)', points },
  };
}

export const he2015: Reproduction = {
  name: 'he2015',
  title: 'Delving deep into rectifiers: He trains 30-layer ReLU nets where Xavier (1/n) stalls',
  claim:
    'plain ReLU nets, width 32: at depth 30 Var(w) = 1/n stalls at cost ≈ ln 2 for most seeds while Var(w) = 2/n converges; at depth 22 both converge, He several times sooner',
  sources: [
    'He et al. 2015, Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet Classification, ICCV (arXiv:1502.01852), Sec. 2.2 and Figs. 2–3',
  ],
  run: (o) => he2015Conclude(o, he2015Tasks(o).map(he2015Train)),
  split: {
    tasks: he2015Tasks,
    runTask: (t) => he2015Train(t as He2015Task),
    conclude: (o, done) => he2015Conclude(o, done as He2015Run[]),
  },
};
