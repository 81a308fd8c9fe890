// What `initlab sweep` does once its flags are parsed.
import {
  expandGrid,
  parseRange,
  type SweepRow,
  type SweepSummary,
  summarize,
} from '../../experiments/sweep.js';
import { parseOptimizer } from '../../nn/optimizers.js';
import { interruptExitCode, watchInterrupt } from '../interrupt.js';
import { availableParallelism } from 'node:os';
import { checkTraining, workerCount } from '../../limits.js';
import { initCostOf } from '../init-cost.js';
import { toJson } from '../json.js';
import { createProgress } from '../progress.js';
import {
  checkScaleFlag,
  flag,
  parseInits,
  parseLayers,
  loadTrainAndTest,
  plannedPoints,
} from '../setup.js';
import { hiddenActivations } from '../../experiments/run.js';
import { VERSION } from '../version.js';
import { UsageError } from '../../errors.js';
import { firstRepeat } from '../../list-repeats.js';
import type { SweepFlags } from './sweep.js';
import { checkShapes } from '../shapes.js';
import { keepRunningWithoutStdout, requireStdout } from '../stdout.js';
import { checkOutputDir } from '../../node/outputs.js';
import { printQueueStatus, queueAddressOf, splitFailed, sweepOnQueue } from './sweep-queue.js';

/** --lr as a comma list, each rate held to the one learning-rate schema, none twice (0.01 and 1e-2 are one rate). */
function parseRates(text: string): number[] {
  const rates = text
    .split(',')
    .map((r) => flag('learningRate', r.trim(), `--lr (each of "${text}")`));
  const twice = firstRepeat(rates, (r) => r);
  if (twice)
    throw new UsageError(
      `--lr "${text}": the rate ${twice.item} is given twice; give each rate once`,
    );
  return rates;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "12 runs", "12 runs, 9 diverged (statistics over the other 3)", "12 runs, all diverged (no statistics)". */
function groupCount(s: SweepSummary): string {
  if (!s.diverged) return plural(s.runs, 'run');
  if (!s.summarized)
    return `${plural(s.runs, 'run')}, ${s.runs === 1 ? 'it' : 'all'} diverged (no statistics)`;
  return `${plural(s.runs, 'run')}, ${s.diverged} diverged (statistics over the other ${s.summarized})`;
}

const fmt = (s: { mean: number; std: number; min: number; max: number }, digits = 4) =>
  `${s.mean.toPrecision(digits)} ± ${s.std.toPrecision(2)} [${s.min.toPrecision(digits)}, ${s.max.toPrecision(digits)}]`;

export async function runSweep(flags: SweepFlags): Promise<void> {
  const f = {
    scale: flag('scale', flags.scale),
    iterations: flag('iterations', flags.iterations),
    batchSize: flag('batchSize', flags.batchSize),
    workers: flag('workers', flags.workers),
  };
  const queue = await queueAddressOf(flags);
  if (queue && flags.status) return printQueueStatus(queue, flags.json);
  const inits = parseInits(flags.inits, '--inits', f.scale);
  checkScaleFlag(f.scale, inits);
  const seeds = parseRange(flags.seeds);
  const rates = parseRates(flags.lr);
  const layers = parseLayers(flags.layers);
  hiddenActivations(layers, flags.activation, '--activation');
  const optimizer = parseOptimizer(flags.optimizer);
  const { init, lsuvRounds } = initCostOf(inits, f.scale);
  // one job's memory decides how many can run side by side; checked on the SPECs' sizes before
  // the points are drawn (millions take seconds), then on the data itself (a CSV's size)
  const checkJob = (m: number, mTest: number) =>
    checkTraining({
      dims: layers,
      m,
      mTest,
      batchSize: f.batchSize,
      optimizer: optimizer.name,
      iterations: f.iterations,
      printEvery: f.iterations,
      init,
      lsuvRounds,
      what: `a run with --layers ${layers.join(',')}`,
    });
  const planned = plannedPoints(flags.train, flags.test);
  if (planned.m !== null) checkJob(planned.m, planned.mTest ?? 0);
  const { train, test, testSpec, testSource } = loadTrainAndTest(flags.train, flags.test);
  checkShapes(layers, train, test);
  // before the work, so a bad folder never costs a sweep
  if (flags.report) {
    checkOutputDir(flags.out, '--out');
    keepRunningWithoutStdout();
  } else requireStdout('the results');
  const jobs = expandGrid(inits, seeds, rates);
  const base = {
    scale: f.scale,
    layers,
    activation: flags.activation,
    iterations: f.iterations,
    printEvery: f.iterations,
    optimizer,
    batchSize: f.batchSize,
  };
  // --workers above the jobs or the cores only adds idle threads
  const job = checkJob(train.X.cols, test ? test.X.cols : 0);
  const { workers: threads, note } = workerCount(
    f.workers ?? availableParallelism(),
    jobs.length,
    availableParallelism(),
    job.bytes,
  );
  if (note && f.workers !== undefined) process.stderr.write(`initlab: ${note}\n`); // the default needs no comment
  const tasks = jobs.map((job) => ({ job, base }));

  const progress = createProgress(!flags.quiet);
  progress.start('sweep', tasks.length);
  const started = performance.now();
  const onDone = (n: number) => progress.update(n);
  const { rows, interrupted, workers } = queue
    ? await sweepOnQueue(queue, tasks, { train, test }, onDone, watchInterrupt())
    : {
        ...(await (
          await import('../../node/sweep-pool.js')
        ).runOnPool(tasks, {
          workers: threads,
          data: { train, test },
          onDone,
          shouldStop: watchInterrupt(),
        })),
        workers: threads,
      };
  progress.stop();
  const seconds = (performance.now() - started) / 1000;
  const done = rows.filter((r): r is SweepRow => r !== undefined);
  const { ok, failedLine } = queue ? await splitFailed(done) : { ok: done, failedLine: null };
  const summary = summarize(ok);
  const doc = {
    runs: done,
    summary,
    workers,
    seconds,
    interrupted,
    train: flags.train,
    test: testSpec,
    testSpec,
    testSource,
    version: VERSION,
  };

  if (flags.json) process.stdout.write(`${toJson(doc)}\n`);
  else {
    process.stdout.write(
      `${done.length} runs (${plural(inits.length, 'initialization')} × ${plural(rates.length, 'learning rate')} × ${plural(seeds.length, 'seed')}) on ${workers} worker${workers === 1 ? '' : 's'}${queue ? ` through ${queue.shown}` : ''} in ${seconds.toFixed(1)} s${interrupted ? ' (interrupted: the grid is incomplete)' : ''}\n`,
    );
    process.stdout.write(
      `test set: ${testSpec ?? 'none (CSV training data; name one with --test)'}${testSource === 'default' ? ' (follows the training data)' : ''}\n\n`,
    );
    for (const s of summary) {
      process.stdout.write(`${s.init} (lr ${s.learningRate}), ${groupCount(s)}\n`);
      if (!s.finalCost || !s.trainAccuracy) continue; // every run diverged: no outcome to summarise
      process.stdout.write(
        `  final cost      ${fmt(s.finalCost)}\n  train accuracy  ${fmt(s.trainAccuracy)}\n  test accuracy   ${s.testAccuracy ? fmt(s.testAccuracy) : 'no test set'}\n`,
      );
    }
  }
  if (flags.report && done.length) {
    const { writeSweepReport } = await import('../../node/sweep-report.js');
    const files = await writeSweepReport(flags.out, doc);
    (flags.json ? process.stderr : process.stdout).write(
      `${flags.json ? '' : '\n'}sweep: ${flags.out}/index.html (${files.length} files)\n`,
    );
  }
  if (failedLine) {
    process.stderr.write(`initlab: ${failedLine}\n`);
    process.exitCode = 1;
  }
  if (interrupted) process.exitCode = interruptExitCode();
}
