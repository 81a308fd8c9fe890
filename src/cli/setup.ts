// The training flags checked with zod and turned into run configs and datasets.
import * as z from 'zod/mini';
import type { Dataset } from '../data/dataset.js';
import { datasetFromSpec } from '../data/registry.js';
import { UsageError } from '../errors.js';
import type { RunConfig } from '../experiments/run.js';
import { hiddenActivations } from '../experiments/run.js';
import { splitSpecList } from '../spec.js';
import { initializerNames, resolveInitializer } from '../nn/initializers.js';
import { checkDims } from '../nn/network.js';
import { checkLayerSizes } from '../limits.js';
import { parseOptimizer } from '../nn/optimizers.js';
import { checkedNumber, int, num, parseOrThrow, seedText } from '../validate.js';
import type { TrainingFlags } from './flags.js';
import { isPathSpec, readCsvDataset } from '../node/files.js';
import { validateDataset } from '../data/dataset.js';

/** A SPEC or a CSV file path → the dataset. */
export const loadData = (spec: string): Dataset => (isPathSpec(spec) ? validateDataset(readCsvDataset(spec)) : datasetFromSpec(spec));

export function parseLayers(text: string): number[] {
  if (!/^\s*-?\d+(\s*,\s*-?\d+)+\s*$/.test(text)) {
    throw new UsageError(`--layers must be comma-separated sizes with at least an input and an output, like 2,10,5,1; got "${text}"`);
  }
  const dims = text.split(',').map((s) => Number(s.trim()));
  if (dims.some((x) => x < 1)) throw new UsageError(`--layers: every layer size must be >= 1, got "${text}"`);
  checkDims(dims);
  checkLayerSizes(dims);
  return dims;
}

const flagSchema = z.object({
  seed: seedText('--seed'),
  scale: checkedNumber(num('--scale'), z.refine(Number.isFinite, { message: '--scale must be finite' })),
  lr: checkedNumber(num('--lr'), z.gt(0, { message: '--lr must be a positive number' }), z.refine(Number.isFinite, { message: '--lr must be finite' })),
  iterations: checkedNumber(int('--iterations'), z.minimum(1, { message: '--iterations must be an integer >= 1' }), z.maximum(1e9, { message: '--iterations must be at most 1000000000' })),
  printEvery: checkedNumber(int('--print-every'), z.minimum(1, { message: '--print-every must be an integer >= 1' })),
  diagnosticsEvery: z.optional(checkedNumber(int('--diagnostics-every'), z.minimum(0, { message: '--diagnostics-every must be an integer >= 0' }))),
  batchSize: checkedNumber(int('--batch-size'), z.minimum(0, { message: '--batch-size must be an integer >= 0 (0: the full batch)' })),
});

export interface Setup {
  base: Omit<RunConfig, 'init'>;
  diagnosticsEvery: number;
  train: Dataset;
  test: Dataset;
  trainSpec: string;
  testSpec: string;
}

/** Validates the shared flags and builds the data; throws UsageError with the flag's name. */
export function resolveSetup(flags: TrainingFlags): Setup {
  const f = parseOrThrow(flagSchema, flags, 'invalid option');
  const layers = parseLayers(flags.layers);
  hiddenActivations(layers, flags.activation); // validates the names now, before any work
  const train = loadData(flags.train);
  const test = loadData(flags.test);
  if (layers[0] !== train.X.rows) throw new UsageError(`--layers starts with ${layers[0]} inputs but the training data has ${train.X.rows} features`);
  if (test.X.rows !== train.X.rows) throw new UsageError(`the test data has ${test.X.rows} features, the training data ${train.X.rows}`);
  if (layers[layers.length - 1] !== 1) throw new UsageError(`--layers must end with 1 (one sigmoid output for two classes), got ${layers[layers.length - 1]}`);
  return {
    base: {
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
    },
    diagnosticsEvery: f.diagnosticsEvery ?? f.printEvery,
    train,
    test,
    trainSpec: flags.train,
    testSpec: flags.test,
  };
}

/** Checks an initializer spec (and a comma list of them) early, with the accepted names. */
export function parseInits(text: string): string[] {
  const inits = splitSpecList(text);
  if (!inits.length) throw new UsageError(`--inits needs at least one of ${initializerNames().join(', ')}`);
  for (const i of inits) resolveInitializer(i);
  return inits;
}
