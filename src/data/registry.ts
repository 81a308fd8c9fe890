// The dataset registry: name → generator with its SPEC keys and defaults.
// Defaults are the notebook's train set (n=300, noise=0.05, seed=1).
import { DataError, UsageError } from '../errors.js';
import { RandomState } from '../rng/random-state.js';
import { resolveSpec } from '../spec.js';
import { describeParams, type ParamDef, type ParamSchema } from '../validate.js';
import { makeCircles } from './circles.js';
import { type Dataset, validateDataset } from './dataset.js';
import { makeMoons } from './moons.js';
import { makeFlower } from './planar.js';
import { makeBlobs, makeSpiral, makeXor } from './toy.js';

/** A generated dataset of the registry (`circles`, `moons`, `flower`, …) and its SPEC keys. */
export interface DatasetDefinition {
  /** The name a SPEC starts with. */
  name: string;
  /** One line on what the points look like. */
  description: string;
  /** `n=300, noise=0.05, seed=1, …`: the keys and their defaults, for catalogues. */
  keys: string;
  /** Its own parameters and their own defaults (the schema SPECs are checked against). */
  params: ParamSchema;
  /** Draws the data from checked parameters (every key of `params`, filled in). */
  generate(p: Record<string, number | boolean>): Dataset;
}

const count = (d: number): ParamDef => ({
  default: d,
  integer: true,
  min: 1,
  max: 10_000_000,
  doc: 'number of points',
});
const noise = (d: number): ParamDef => ({
  default: d,
  min: 0,
  doc: 'standard deviation of the Gaussian noise added to the points',
});
const positive = (d: number, doc: string): ParamDef => ({
  default: d,
  min: 0,
  positive: true,
  doc,
});
const seed: ParamDef = {
  default: 1,
  integer: true,
  min: 0,
  max: 4294967295,
  doc: 'seed of the RandomState the points are drawn from',
};
const shuffle: ParamDef = { default: true, doc: "shuffle the points (scikit-learn's shuffle)" };

/** A registry entry: its SPEC keys are checked by `params`, then `make` draws the data with a RandomState(seed). */
function entry<P extends Record<string, number | boolean>>(
  name: string,
  description: string,
  params: ParamSchema,
  make: (rs: RandomState, p: P) => Dataset,
): DatasetDefinition {
  return {
    name,
    description,
    keys: describeParams(params),
    params,
    generate: (p) => make(new RandomState(p.seed as number), p as P),
  };
}

type Common = { n: number; noise: number; seed: number; shuffle: boolean };

/** Every generated dataset by name (the SPEC catalogue of `initlab data --list`). */
export const datasets: Record<string, DatasetDefinition> = Object.fromEntries(
  [
    entry<Common & { factor: number }>(
      'circles',
      "scikit-learn's make_circles: a ring around a smaller ring (the notebook's data)",
      {
        n: count(300),
        noise: noise(0.05),
        seed,
        factor: { default: 0.8, min: 0, lt: 1, doc: 'radius of the inner ring / the outer one' },
        shuffle,
      },
      (rs, p) =>
        makeCircles(rs, { nSamples: p.n, noise: p.noise, factor: p.factor, shuffle: p.shuffle }),
    ),
    entry<Common>(
      'moons',
      "scikit-learn's make_moons: two interleaving half circles",
      { n: count(300), noise: noise(0.05), seed, shuffle },
      (rs, p) => makeMoons(rs, { nSamples: p.n, noise: p.noise, shuffle: p.shuffle }),
    ),
    entry<Common>(
      'xor',
      'points uniform in [-1, 1]², label 1 in the quadrants where x1·x2 < 0',
      { n: count(300), noise: noise(0.05), seed },
      (rs, p) => makeXor(rs, p.n, p.noise),
    ),
    entry<Common & { spread: number; distance: number }>(
      'blobs',
      'two Gaussian blobs around (-distance, -distance) and (distance, distance)',
      {
        n: count(300),
        spread: positive(0.5, 'standard deviation of each blob'),
        distance: { default: 1, doc: 'the centres are at ±(distance, distance)' },
        seed,
      },
      (rs, p) => makeBlobs(rs, p.n, p.spread, p.distance),
    ),
    entry<Common & { turns: number }>(
      'spiral',
      'two interleaved spirals',
      { n: count(300), noise: noise(0.05), turns: positive(1.75, 'turns of each arm'), seed },
      (rs, p) => makeSpiral(rs, p.n, p.noise, p.turns),
    ),
    entry<Common & { petal: number }>(
      'flower',
      "the course's planar flower (load_planar_dataset: seed 1, 400 points, petals of length 4)",
      { n: count(400), noise: noise(0.2), petal: positive(4, 'length of the petals'), seed },
      (rs, p) => makeFlower(rs, { nSamples: p.n, noise: p.noise, petal: p.petal }),
    ),
  ].map((d) => [d.name, d]),
);

/** The names of the generated datasets, in catalogue order. */
export const datasetNames = (): string[] => Object.keys(datasets);

/**
 * Checks a dataset SPEC without drawing the points (for an option a command may not use,
 * such as init's --data for an initializer that needs no data).
 * @throws UsageError for an unknown name, key or value
 */
export function checkDatasetSpec(spec: string): void {
  resolveSpec(spec, 'dataset', datasets);
}

/**
 * How many points a SPEC asks for (its `n`, or the entry's default), without drawing them:
 * limits are checked on this before a large dataset is generated.
 * @throws UsageError for an unknown name, key or value
 */
export function pointsOfSpec(spec: string): number {
  return Number(resolveSpec(spec, 'dataset', datasets).params.n);
}

/**
 * Makes the dataset a SPEC describes, e.g. `circles:n=100,noise=0.05,seed=2`.
 * @throws UsageError for an unknown name, key or value
 */
export function datasetFromSpec(spec: string): Dataset {
  const { entry: def, params, given } = resolveSpec(spec, 'dataset', datasets);
  return checkGenerated(def.generate(params as Record<string, number | boolean>), spec, given);
}

/**
 * Generated data gets the same checks as a CSV file's: parameters such as distance=1e400
 * pass their own schema yet give infinite points, which must not reach training.
 * Throws UsageError (the parameters are the user's) naming the SPEC.
 */
function checkGenerated(d: Dataset, spec: string, given: readonly string[]): Dataset {
  try {
    return validateDataset(d);
  } catch (e) {
    if (e instanceof DataError) {
      const named = given.filter((k) => k !== 'n' && k !== 'seed' && k !== 'shuffle');
      const which = named.length ? named.join(', ') : 'its parameters';
      throw new UsageError(
        `dataset "${spec}": ${e.message}; its parameters are too large: give ${which} values whose points stay within float64's range (about 1e308), better of size about 1, as the defaults are`,
      );
    }
    throw e;
  }
}
