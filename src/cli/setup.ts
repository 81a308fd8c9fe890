// The training flags checked with zod and turned into run configs and datasets.
import type { Dataset } from '../data/dataset.js';
import { datasetFromSpec, pointsOfSpec } from '../data/registry.js';
import { UsageError } from '../errors.js';
import type { RunConfig } from '../experiments/run.js';
import { hiddenActivations } from '../experiments/run.js';
import { checkNoEmptyEntry, parseSpec, splitSpecList } from '../spec.js';
import { initializerNames, resolveInitializer, takesScaleFlag } from '../nn/initializers.js';
import { checkDims } from '../nn/network.js';
import { checkLayerSizes } from '../limits.js';
import { parseOptimizer } from '../nn/optimizers.js';
import { NOTEBOOK_INITS } from '../experiments/notebook-config.js';
import { OPTIONS, type OptionName } from '../options.js';
import { isIntegerText, readNumber } from '../validate.js';
import { OPTION_FLAGS, type TrainingFlags } from './flags.js';
import { parseLrDecay } from '../train/lr-decay.js';
import { isPathSpec, readCsvDataset } from '../node/files.js';
import { validateDataset } from '../data/dataset.js';
import { firstRepeat } from '../list-repeats.js';
import { checkShapes } from './shapes.js';
import { resolveTestSpec, type TestSource } from '../experiments/test-spec.js';

/** A SPEC or a CSV file path → the dataset. */
export const loadData = (spec: string): Dataset =>
  isPathSpec(spec) ? validateDataset(readCsvDataset(spec)) : datasetFromSpec(spec);

/**
 * `--layers 2,10,5,1` → [2, 10, 5, 1]. Each size is a whole number in decimal digits (spaces
 * around the commas allowed), the same rule as every integer option (validate.ts).
 * @throws UsageError for a size written otherwise (`1e3`, `+5`, `1.0`, `0x10`), below 1 or beyond the limits
 */
export function parseLayers(text: string): number[] {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length < 2 || parts.some((s) => !/^-?[0-9]+$/.test(s))) {
    throw new UsageError(
      `--layers must be comma-separated sizes with at least an input and an output, like 2,10,5,1; got "${text}"`,
    );
  }
  const odd = parts.find((s) => !isIntegerText(s));
  if (odd !== undefined)
    throw new UsageError(
      `--layers: ${JSON.stringify(odd)} is not a size written in decimal digits (${/^-0+$/.test(odd) ? 'a size is >= 1' : 'beyond 2^53'}), got "${text}"`,
    );
  const dims = parts.map(Number);
  if (dims.some((x) => x < 1))
    throw new UsageError(`--layers: every layer size must be >= 1, got "${text}"`);
  checkDims(dims);
  checkLayerSizes(dims);
  return dims;
}

/**
 * A numeric option read under its flag: `flag('learningRate', flags.lr)` reads --lr. The
 * schema is the core's (src/options.ts), the flag is OPTION_FLAGS'; `name` overrides it
 * (a value within a list). The message names the flag, the value and what is accepted.
 * @throws UsageError `--lr must be a finite number > 0, got "abc"`
 */
export function flag(option: OptionName, text: string, name?: string): number;
export function flag(
  option: OptionName,
  text: string | undefined,
  name?: string,
): number | undefined;
export function flag(
  option: OptionName,
  text: string | undefined,
  name = OPTION_FLAGS[option],
): number | undefined {
  return readNumber(OPTIONS[option], text, name);
}

/**
 * --scale is random's multiplier and nothing else's: given with initializations none of which
 * is `random`, it would change nothing, so it is refused rather than silently ignored (a
 * variance-scaling scale is written in its SPEC: variance-scaling:scale=2).
 * @throws UsageError
 */
export function checkScaleFlag(scale: number | undefined, inits: readonly string[]): void {
  if (scale === undefined) return;
  const randoms = inits.filter((i) => takesScaleFlag(resolveInitializer(i).init));
  if (randoms.some((i) => !Object.hasOwn(parseSpec(i, 'initialization').params, 'scale'))) return;
  if (randoms.length)
    throw new UsageError(
      `--scale ${scale} would change nothing: ${randoms.join(', ')} ${randoms.length > 1 ? 'give' : 'gives'} its own scale; give it once`,
    );
  throw new UsageError(
    `--scale is the multiplier of initialization random only, and ${inits.length === 1 ? `${JSON.stringify(inits[0])} is not random` : `none of ${inits.join(', ')} is random`}; give an initializer's own parameters in its SPEC (e.g. variance-scaling:scale=2)`,
  );
}

export interface Setup {
  base: Omit<RunConfig, 'init'>;
  diagnosticsEvery: number;
  train: Dataset;
  /** null: no test set (a CSV training set and no --test). */
  test: Dataset | null;
  trainSpec: string;
  /** The test SPEC actually used (given, or derived from --train), or null. */
  testSpec: string | null;
  testSource: TestSource;
}

/**
 * The training data and the test data that goes with it: --test if given, else the same
 * generator with the next seed (the notebook's own pair for its training set), else none
 * for a CSV file. Throws UsageError when the two disagree on the number of features.
 */
export function loadTrainAndTest(
  trainSpec: string,
  testFlag: string | undefined,
): { train: Dataset; test: Dataset | null; testSpec: string | null; testSource: TestSource } {
  if (testFlag !== undefined && !testFlag.trim())
    throw new UsageError(
      '--test is empty; give a SPEC or a CSV file, or leave --test out to test on the --train generator with the next seed',
    );
  const train = loadData(trainSpec);
  const { spec, source } = resolveTestSpec(trainSpec, train, testFlag, isPathSpec(trainSpec));
  const test = spec === null ? null : loadData(spec);
  if (test && test.X.rows !== train.X.rows)
    throw new UsageError(
      `the test data has ${test.X.rows} features, the training data ${train.X.rows}`,
    );
  return { train, test, testSpec: spec, testSource: source };
}

/**
 * What a run will hold before its data exists: the run settings and the number of training
 * and test points its SPECs ask for (an upper bound for the default test set; null for a
 * CSV file, whose size is known only once read).
 */
export interface DataPlan {
  base: Setup['base'];
  diagnosticsEvery: number;
  m: number | null;
  mTest: number | null;
}

/** Points the training and test SPECs ask for; the default test set has the training set's size at most. */
export function plannedPoints(
  trainSpec: string,
  testFlag: string | undefined,
): { m: number | null; mTest: number | null } {
  const points = (spec: string) => (isPathSpec(spec) ? null : pointsOfSpec(spec));
  const m = points(trainSpec);
  return { m, mTest: testFlag !== undefined && testFlag.trim() ? points(testFlag) : m };
}

/**
 * Validates the shared flags and builds the data; throws UsageError with the flag's name.
 * `beforeData` sees the plan first (limits refuse a run of millions of points before the
 * points are drawn, which alone takes seconds).
 */
export function resolveSetup(
  flags: TrainingFlags,
  inits: readonly string[] = NOTEBOOK_INITS,
  beforeData?: (plan: DataPlan) => void,
): Setup {
  const f = {
    seed: flag('seed', flags.seed),
    scale: flag('scale', flags.scale),
    lr: flag('learningRate', flags.lr),
    iterations: flag('iterations', flags.iterations),
    printEvery: flag('printEvery', flags.printEvery),
    diagnosticsEvery: flag('diagnosticsEvery', flags.diagnosticsEvery),
    batchSize: flag('batchSize', flags.batchSize),
    shuffleSeed: flag('shuffleSeed', flags.shuffleSeed),
  };
  checkScaleFlag(f.scale, inits);
  const layers = parseLayers(flags.layers);
  hiddenActivations(layers, flags.activation, '--activation'); // validates the names now, before any work
  const base: Setup['base'] = {
    seed: f.seed,
    scale: f.scale,
    layers,
    activation: flags.activation,
    learningRate: f.lr,
    iterations: f.iterations,
    printEvery: f.printEvery,
    naiveLoss: flags.loss === 'naive',
    optimizer: parseOptimizer(flags.optimizer),
    batchSize: f.batchSize,
    ...(f.shuffleSeed !== undefined ? { shuffleSeed: f.shuffleSeed } : {}),
    costReport: flags.costReport ?? 'full',
    lrDecay: parseLrDecay(flags.lrDecay ?? 'none'),
  };
  const diagnosticsEvery = f.diagnosticsEvery ?? f.printEvery;
  beforeData?.({ base, diagnosticsEvery, ...plannedPoints(flags.train, flags.test) });
  const { train, test, testSpec, testSource } = loadTrainAndTest(flags.train, flags.test);
  checkShapes(layers, train, test);
  return {
    base,
    diagnosticsEvery,
    train,
    test,
    trainSpec: flags.train,
    testSpec,
    testSource,
  };
}

/**
 * Checks an initializer spec (and a comma list of them) early, with the accepted names.
 * @param scale --scale, when given: `random` and `random:scale=10` differ under --scale 3
 * @throws UsageError for an unknown name or parameter, or one initializer given twice (the same
 *   name and parameters, however spelled: `random,random:scale=10`), as for every list flag
 */
export function parseInits(text: string, flag = '--inits', scale?: number): string[] {
  const inits = splitSpecList(text);
  if (!inits.length)
    throw new UsageError(`${flag} needs at least one of ${initializerNames().join(', ')}`);
  checkNoEmptyEntry(text, flag);
  const canonical = inits.map((i) => {
    const r = resolveInitializer(i, scale === undefined ? {} : { scale });
    return `${r.init.name}${JSON.stringify(Object.entries(r.opts).sort(([a], [b]) => (a < b ? -1 : 1)))}`;
  });
  const twice = firstRepeat(
    inits.map((spec, k) => ({ spec: spec.trim(), key: canonical[k] })),
    (i) => i.key,
  );
  if (twice) {
    const { item, earlier } = twice;
    const same = item.spec.toLowerCase() === earlier.spec.toLowerCase();
    throw new UsageError(
      `${flag} ${JSON.stringify(text)}: ${JSON.stringify(item.spec)} is given twice${same ? '' : ` (as ${JSON.stringify(earlier.spec)}: the same initializer and parameters)`}`,
    );
  }
  return inits;
}
