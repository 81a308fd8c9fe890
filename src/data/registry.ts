// The dataset registry: name → generator with its SPEC keys and defaults.
// Defaults are the notebook's train set (n=300, noise=0.05, seed=1).
import * as z from 'zod/mini';
import { DataError, UsageError } from '../errors.js';
import { RandomState } from '../rng/random-state.js';
import { parseSpec } from '../spec.js';
import { bool, checkedNumber, int, num, parseOrThrow, seedText } from '../validate.js';
import { makeCircles } from './circles.js';
import { type Dataset, validateDataset } from './dataset.js';
import { makeMoons } from './moons.js';
import { makeFlower } from './planar.js';
import { makeBlobs, makeSpiral, makeXor } from './toy.js';

export interface DatasetDefinition {
  name: string;
  description: string;
  keys: string;
  make(params: Record<string, string>, context: string): Dataset;
}

const count = (d: number) => z._default(checkedNumber(int('n'), z.minimum(2, { message: 'n must be at least 2' }), z.maximum(10_000_000, { message: 'n must be at most 10000000' })), d);
const noise = (d: number) => z._default(checkedNumber(num('noise'), z.minimum(0, { message: 'noise must be >= 0' })), d);
const positive = (label: string, d: number) => z._default(checkedNumber(num(label), z.gt(0, { message: `${label} must be > 0` })), d);
const common = {
  n: count(300),
  noise: noise(0.05),
  seed: z._default(seedText(), 1),
  shuffle: z._default(bool('shuffle'), true),
};

const circlesSchema = z.strictObject({
  ...common,
  factor: z._default(checkedNumber(num('factor'), z.minimum(0, { message: 'factor must be in [0, 1)' }), z.lt(1, { message: 'factor must be in [0, 1)' })), 0.8),
});
const moonsSchema = z.strictObject(common);
const xorSchema = z.strictObject({ n: common.n, seed: common.seed, noise: noise(0.05) });
const blobsSchema = z.strictObject({ n: common.n, seed: common.seed, spread: positive('spread', 0.5), distance: z._default(num('distance'), 1) });
const spiralSchema = z.strictObject({ n: common.n, seed: common.seed, noise: noise(0.05), turns: positive('turns', 1.75) });
const flowerSchema = z.strictObject({ n: count(400), seed: common.seed, noise: noise(0.2), petal: positive('petal', 4) });

/** A registry entry: its SPEC keys are checked by `schema`, then `make` draws the data. */
function entry<S extends z.ZodMiniType<{ seed: number }>>(name: string, description: string, keys: string, schema: S, make: (rs: RandomState, p: z.output<S>) => Dataset): DatasetDefinition {
  return { name, description, keys, make: (params, context) => { const p = parseOrThrow(schema, params, context); return make(new RandomState(p.seed), p); } };
}

export const datasets: Record<string, DatasetDefinition> = Object.fromEntries([
  entry('circles', "scikit-learn's make_circles: a ring around a smaller ring (the notebook's data)", 'n=300, noise=0.05, seed=1, factor=0.8, shuffle=true', circlesSchema,
    (rs, p) => makeCircles(rs, { nSamples: p.n, noise: p.noise, factor: p.factor, shuffle: p.shuffle })),
  entry('moons', "scikit-learn's make_moons: two interleaving half circles", 'n=300, noise=0.05, seed=1, shuffle=true', moonsSchema,
    (rs, p) => makeMoons(rs, { nSamples: p.n, noise: p.noise, shuffle: p.shuffle })),
  entry('xor', 'points uniform in [-1, 1]², label 1 in the quadrants where x1·x2 < 0', 'n=300, noise=0.05, seed=1', xorSchema,
    (rs, p) => makeXor(rs, p.n, p.noise)),
  entry('blobs', 'two Gaussian blobs around (-distance, -distance) and (distance, distance)', 'n=300, spread=0.5, distance=1, seed=1', blobsSchema,
    (rs, p) => makeBlobs(rs, p.n, p.spread, p.distance)),
  entry('spiral', 'two interleaved spirals', 'n=300, noise=0.05, turns=1.75, seed=1', spiralSchema,
    (rs, p) => makeSpiral(rs, p.n, p.noise, p.turns)),
  entry('flower', "the course's planar flower (load_planar_dataset: seed 1, 400 points, petals of length 4)", 'n=400, noise=0.2, petal=4, seed=1', flowerSchema,
    (rs, p) => makeFlower(rs, { nSamples: p.n, noise: p.noise, petal: p.petal })),
].map((d) => [d.name, d]));

export const datasetNames = (): string[] => Object.keys(datasets);

/** Makes the dataset a SPEC describes, e.g. `circles:n=100,noise=0.05,seed=2`. */
export function datasetFromSpec(spec: string): Dataset {
  const { name, params } = parseSpec(spec, 'dataset');
  const def = Object.hasOwn(datasets, name) ? datasets[name] : undefined;
  if (!def) throw new UsageError(`unknown dataset "${name}"; accepted: ${datasetNames().join(', ')}`);
  return checkGenerated(def.make(params, `dataset ${name}`), spec);
}

/**
 * Generated data gets the same checks as a CSV file's: parameters such as distance=1e400
 * pass their own schema yet give infinite points, which must not reach training.
 * Throws UsageError (the parameters are the user's) naming the SPEC.
 */
function checkGenerated(d: Dataset, spec: string): Dataset {
  try {
    return validateDataset(d);
  } catch (e) {
    if (e instanceof DataError) throw new UsageError(`dataset "${spec}": ${e.message}; its parameters are too large`);
    throw e;
  }
}

export { NOTEBOOK_TRAIN_SPEC, NOTEBOOK_TEST_SPEC } from '../experiments/notebook-config.js';
