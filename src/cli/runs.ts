// Runs several initializations on the same data and prints them as the notebook does
// (or as one JSON document), ending with the comparison table.
import { runExperimentAsync, type RunOutput, type RunResult } from '../experiments/run.js';
import { isSymmetric, verdict } from '../experiments/verdict.js';
import { biasesAtStart, type Diagnosis, describeDiagnosis, diagnoseRun } from '../train/doctor.js';
import { divergenceOf } from '../train/divergence.js';
import { inputScale } from '../data/scale.js';
import { NOTEBOOK_TEST_SPEC } from '../experiments/notebook-config.js';
import { NO_TEST_SET, percent, percentOrNone, pyFloat } from '../format.js';
import type { TrainingFlags } from './flags.js';
import type { DataPlan, Setup } from './setup.js';
import { createProgress } from './progress.js';
import { watchInterrupt } from './interrupt.js';
import { toJson } from './json.js';
import { commandKernels } from './kernels.js';
import { sparkline } from '../plot/sparkline.js';
import { checkTraining } from '../limits.js';
import { initCostOf } from './init-cost.js';
import { StopRequested } from '../stop.js';
import { maxOf } from '../extent.js';
import { resolveInitializer } from '../nn/initializers.js';

export interface RunRow extends RunResult {
  verdict: string;
  /** The run doctor's findings: what went wrong, where, and the fix (train/doctor.ts). */
  doctor: Diagnosis;
}

export interface RunsDocument {
  runs: RunRow[];
  train: string;
  /** The test SPEC actually used; null when there is none (then every testAccuracy is null). */
  test: string | null;
  /** The same SPEC under a name that says what it is (`test` is kept for older readers). */
  testSpec: string | null;
  /** given (--test), default (derived from --train) or none (a CSV training set). */
  testSource: 'given' | 'default' | 'none';
  loss: 'stable' | 'naive';
  backend: string;
  /** Threads the wide layers' products could use (1 for the TypeScript kernels). */
  threads: number;
  version: string;
  /** True when a stop (Ctrl-C, SIGTERM) ended the command early: the runs listed are those it kept. */
  interrupted: boolean;
}

const TITLES: Record<string, string> = {
  zeros: 'zeros initialization',
  random: 'large random initialization',
  he: 'He initialization',
  xavier: 'Xavier initialization',
};
export const titleOf = (init: string) =>
  Object.hasOwn(TITLES, init) ? TITLES[init] : `${init} initialization`;

/** The comparison table the notebook ends with, as aligned text. */
export function comparisonTable(rows: RunRow[], layerCount: number): string {
  const head = ['Model', 'Train accuracy', 'Test accuracy', 'Final cost', 'Problem/Comment'];
  const body = rows.map((r) => [
    `${layerCount}-layer NN with ${titleOf(r.init)}`,
    r.stopReason === 'diverged' ? 'diverged' : percent(r.trainAccuracy),
    r.stopReason === 'diverged' ? 'diverged' : percentOrNone(r.testAccuracy),
    Number.isFinite(r.finalCost) ? r.finalCost.toPrecision(4) : pyFloat(r.finalCost),
    r.verdict,
  ]);
  const widths = head.map((h, c) => Math.max(h.length, maxOf(body.map((row) => row[c].length))));
  const line = (cells: string[]) =>
    cells.map((cell, c) => (c === cells.length - 1 ? cell : cell.padEnd(widths[c]))).join('  ');
  return [
    line(head),
    widths.map((w, c) => '-'.repeat(c === head.length - 1 ? head[c].length : w)).join('  '),
    ...body.map(line),
  ].join('\n');
}

export interface ExecutedRuns {
  setup: Setup;
  doc: RunsDocument;
  outputs: RunOutput[];
  interrupted: boolean;
  diverged: boolean;
}

/**
 * Refuses, before any work, runs that would not fit in memory or stop in time (src/limits.ts).
 * Called on the plan (before the data is drawn, with the SPECs' sizes) and again on the
 * data itself (a CSV file's size is known only once read).
 */
export function checkRunLimits(
  inits: readonly string[],
  plan: DataPlan,
  flags: TrainingFlags,
): void {
  const b = plan.base;
  if (plan.m === null) return;
  const { init, lsuvRounds } = initCostOf(inits, b.scale);
  checkTraining({
    dims: b.layers,
    m: plan.m,
    mTest: plan.mTest ?? 0,
    batchSize: b.batchSize,
    epochs: b.costReport === 'epoch-mean',
    optimizer: b.optimizer?.name,
    iterations: b.iterations,
    printEvery: b.printEvery,
    diagnosticsEvery: plan.diagnosticsEvery,
    init,
    lsuvRounds,
    runs: inits.length,
    backend: flags.backend === 'ts' ? 'ts' : 'wasm',
    what: `a run with --layers ${b.layers.join(',')}`,
  });
}

/** Trains each initializer in turn, printing as it goes unless --json. */
export async function executeRuns(
  inits: string[],
  setup: Setup,
  flags: TrainingFlags,
  version: string,
): Promise<ExecutedRuns> {
  const json = !!flags.json;
  const out = (s: string) => {
    if (!json) process.stdout.write(`${s}\n`);
  };
  checkRunLimits(
    inits,
    {
      base: setup.base,
      diagnosticsEvery: setup.diagnosticsEvery,
      m: setup.train.X.cols,
      mTest: setup.test ? setup.test.X.cols : 0,
    },
    flags,
  );
  // the report's modules load while the runs train (between slices), so a stopped run's
  // report is written within the 2 s a stop allows
  if (flags.report) import('../node/report.js').catch(() => {});
  const progress = createProgress(!flags.quiet);
  const shouldStop = watchInterrupt();
  const { kernels, threads, close } = await commandKernels(flags);
  const outputs: RunOutput[] = [];
  const rows: RunRow[] = [];
  const trainScale = inputScale(setup.train.X);
  let interrupted = false;
  try {
    for (const init of inits) {
      if (shouldStop() && rows.length) {
        interrupted = true; // the runs that finished are kept; the rest never start
        break;
      }
      const cfg = { ...setup.base, init };
      const unit = cfg.costReport === 'epoch-mean' ? 'epoch' : 'iteration'; // epoch-mean counts epochs
      out(
        `\n== ${titleOf(resolveInitializer(init, { scale: cfg.scale }).label)} (seed ${cfg.seed}, layers ${cfg.layers.join('-')}, lr ${cfg.learningRate}, ${cfg.iterations} ${unit}s)`,
      );
      progress.start(init, cfg.iterations);
      let o: RunOutput;
      try {
        o = await runExperimentAsync(cfg, setup.train, setup.test, {
          kernels,
          traceEvery: Math.max(1, Math.floor(cfg.iterations / 300)),
          diagnosticsEvery: setup.diagnosticsEvery,
          progressEvery: 100,
          onProgress: (done) => progress.update(done),
          shouldStop,
          onRecord: (p) => {
            if (json) return;
            progress.stop();
            out(
              `Cost after ${unit} ${p.iteration}: ${pyFloat(cfg.naiveLoss ? (p.naiveCost as number) : p.cost)}`,
            );
            if (p.learningRate !== undefined)
              out(
                `learning rate ${unit === 'epoch' ? 'after' : 'at'} ${unit} ${p.iteration}: ${pyFloat(p.learningRate)}`,
              );
            progress.start(init, cfg.iterations);
            progress.update(p.iteration);
          },
        });
      } catch (e) {
        // stopped while initializing, or inside an iteration too long to finish: keep the runs that finished, if any
        if (!(e instanceof StopRequested || shouldStop()) || !rows.length) throw e;
        interrupted = true;
        out(`(interrupted during ${init}, before it finished)`);
        break;
      } finally {
        progress.stop();
      }
      const doctor = diagnoseRun({
        ...o.result,
        symmetric: isSymmetric(o.initial) && isSymmetric(o.network),
        biasesAtStart: biasesAtStart(o.initial),
        inputScale: trainScale,
      });
      const row: RunRow = { ...o.result, verdict: verdict(o.result, o.initial, o.network), doctor };
      outputs.push(o);
      rows.push(row);
      const divergence = o.result.stopReason === 'diverged' ? divergenceOf(o.result) : null;
      if (divergence) {
        const how =
          divergence.kind === 'non-finite'
            ? `at iteration ${o.result.divergedAt} (its cost or weights stopped being finite numbers)`
            : `(${divergence.what})`;
        process.stderr.write(
          `initlab: the ${init} run diverged ${how}; ${doctor.findings[0]?.kind === 'data-scale' ? `its inputs are ${pyFloat(doctor.findings[0].amount as number)} in size (max |x|): standardize the features, not --lr or the initialization` : 'lower --lr or choose a smaller initialization'}${(flags as { save?: string }).save !== undefined ? `; so no model was saved to ${(flags as { save?: string }).save}` : ''}\n`,
        );
      }
      const costs = o.trace.map((p) => p.cost);
      if (costs.length > 1)
        out(
          `cost ${sparkline(costs)} ${costs[0].toPrecision(4)} → ${costs[costs.length - 1].toPrecision(4)}`,
        );
      out('On the train set:');
      // a network whose weights left float64's range has no outputs: no accuracy is read off
      // them (one whose cost only rose still has, and they are shown)
      const diverged = divergence?.kind === 'non-finite';
      const notComputed = `Accuracy: not computed (the run diverged at iteration ${o.result.divergedAt})`;
      out(diverged ? notComputed : `Accuracy: ${pyFloat(row.trainAccuracy)}`);
      if (diverged) {
        out(row.testAccuracy === null ? NO_TEST_SET : 'On the test set:');
        if (row.testAccuracy !== null) out(notComputed);
      } else if (row.testAccuracy === null) {
        out(`${NO_TEST_SET} (a CSV training set has none unless --test names one)`);
      } else {
        // the notebook's own line for its own test set; any other names the SPEC it scored on
        out(
          setup.testSpec === NOTEBOOK_TEST_SPEC
            ? 'On the test set:'
            : `On the test set (${setup.testSpec}):`,
        );
        out(`Accuracy: ${pyFloat(row.testAccuracy)}`);
      }
      if (o.result.stopReason !== 'interrupted')
        for (const line of describeDiagnosis(doctor)) out(line);
      if (o.result.stopReason === 'interrupted') {
        interrupted = true;
        out(`(interrupted after ${o.result.iterationsRun} of ${cfg.iterations} ${unit}s)`);
        break;
      }
    }
  } finally {
    close(); // the helper threads of wide layers, if any
  }
  const doc: RunsDocument = {
    runs: rows,
    train: setup.trainSpec,
    test: setup.testSpec,
    testSpec: setup.testSpec,
    testSource: setup.testSource,
    loss: flags.loss,
    backend: kernels.name,
    threads,
    version,
    interrupted,
  };
  if (rows.length > 1) {
    out('');
    out(comparisonTable(rows, setup.base.layers.length - 1));
  }
  if (json) process.stdout.write(`${toJson(doc)}\n`);
  return {
    setup,
    doc,
    outputs,
    interrupted,
    diverged: rows.some((r) => r.stopReason === 'diverged'),
  };
}
