// The dataset registry: name → generator with its SPEC keys and defaults.
// Defaults are the notebook's train set (n=300, noise=0.05, seed=1).
import { z } from 'zod';
import { UsageError } from '../errors.js';
import { RandomState } from '../rng/random-state.js';
import { parseSpec } from '../spec.js';
import { bool, int, num, parseOrThrow, seedText } from '../validate.js';
import { makeCircles } from './circles.js';
import type { Dataset } from './dataset.js';
import { makeMoons } from './moons.js';
import { makeFlower } from './planar.js';
import { makeBlobs, makeSpiral, makeXor } from './toy.js';

export interface DatasetDefinition {
  name: string;
  description: string;
  keys: string;
  make(params: Record<string, string>, context: string): Dataset;
}

const common = {
  n: int('n').pipe(z.number().int().min(2, { message: 'n must be at least 2' }).max(10_000_000, { message: 'n must be at most 10000000' })).default(300),
  noise: num('noise').pipe(z.number().min(0, { message: 'noise must be >= 0' })).default(0.05),
  seed: seedText().default(1),
  shuffle: bool('shuffle').default(true),
};

const circlesSchema = z.strictObject({
  ...common,
  factor: num('factor').pipe(z.number().min(0, { message: 'factor must be in [0, 1)' }).lt(1, { message: 'factor must be in [0, 1)' })).default(0.8),
});
const moonsSchema = z.strictObject(common);
const noise = (d: number) => num('noise').pipe(z.number().min(0, { message: 'noise must be >= 0' })).default(d);
const positive = (label: string, d: number) => num(label).pipe(z.number().gt(0, { message: `${label} must be > 0` })).default(d);
const xorSchema = z.strictObject({ n: common.n, seed: common.seed, noise: noise(0.05) });
const blobsSchema = z.strictObject({ n: common.n, seed: common.seed, spread: positive('spread', 0.5), distance: num('distance').default(1) });
const spiralSchema = z.strictObject({ n: common.n, seed: common.seed, noise: noise(0.05), turns: positive('turns', 1.75) });
const flowerSchema = z.strictObject({ n: common.n.default(400), seed: common.seed, noise: noise(0.2), petal: positive('petal', 4) });

export const datasets: Record<string, DatasetDefinition> = {
  circles: {
    name: 'circles',
    description: "scikit-learn's make_circles: a ring around a smaller ring (the notebook's data)",
    keys: 'n=300, noise=0.05, seed=1, factor=0.8, shuffle=true',
    make(params, context) {
      const p = parseOrThrow(circlesSchema, params, context);
      return makeCircles(new RandomState(p.seed), { nSamples: p.n, noise: p.noise, factor: p.factor, shuffle: p.shuffle });
    },
  },
  moons: {
    name: 'moons',
    description: "scikit-learn's make_moons: two interleaving half circles",
    keys: 'n=300, noise=0.05, seed=1, shuffle=true',
    make(params, context) {
      const p = parseOrThrow(moonsSchema, params, context);
      return makeMoons(new RandomState(p.seed), { nSamples: p.n, noise: p.noise, shuffle: p.shuffle });
    },
  },
  xor: {
    name: 'xor',
    description: 'points uniform in [-1, 1]², label 1 in the quadrants where x1·x2 < 0',
    keys: 'n=300, noise=0.05, seed=1',
    make(params, context) {
      const p = parseOrThrow(xorSchema, params, context);
      return makeXor(new RandomState(p.seed), p.n, p.noise);
    },
  },
  blobs: {
    name: 'blobs',
    description: 'two Gaussian blobs around (-distance, -distance) and (distance, distance)',
    keys: 'n=300, spread=0.5, distance=1, seed=1',
    make(params, context) {
      const p = parseOrThrow(blobsSchema, params, context);
      return makeBlobs(new RandomState(p.seed), p.n, p.spread, p.distance);
    },
  },
  spiral: {
    name: 'spiral',
    description: 'two interleaved spirals',
    keys: 'n=300, noise=0.05, turns=1.75, seed=1',
    make(params, context) {
      const p = parseOrThrow(spiralSchema, params, context);
      return makeSpiral(new RandomState(p.seed), p.n, p.noise, p.turns);
    },
  },
  flower: {
    name: 'flower',
    description: "the course's planar flower (load_planar_dataset: seed 1, 400 points, petals of length 4)",
    keys: 'n=400, noise=0.2, petal=4, seed=1',
    make(params, context) {
      const p = parseOrThrow(flowerSchema, params, context);
      return makeFlower(new RandomState(p.seed), { nSamples: p.n, noise: p.noise, petal: p.petal });
    },
  },
};

export const datasetNames = (): string[] => Object.keys(datasets);

/** Makes the dataset a SPEC describes, e.g. `circles:n=100,noise=0.05,seed=2`. */
export function datasetFromSpec(spec: string): Dataset {
  const { name, params } = parseSpec(spec, 'dataset');
  const def = Object.hasOwn(datasets, name) ? datasets[name] : undefined;
  if (!def) throw new UsageError(`unknown dataset "${name}"; accepted: ${datasetNames().join(', ')}`);
  return def.make(params, `dataset ${name}`);
}

export { NOTEBOOK_TRAIN_SPEC, NOTEBOOK_TEST_SPEC } from '../experiments/notebook-config.js';
