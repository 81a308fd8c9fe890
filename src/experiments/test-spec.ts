// Which data a run is scored on when no test set is named: the test set follows the
// training data. One rule for the CLI (train, compare, notebook, sweep) and the web lab:
//
//  - the notebook's training set (circles, n=300, noise=0.05, seed=1, however its SPEC is
//    spelled) keeps the notebook's test set, circles:n=100,noise=0.05,seed=2;
//  - any other generated training set is tested on the same generator with the same
//    parameters (n included) and the next seed: seed + 1 (for the largest seed, 4294967295,
//    seed − 1: rng/sibling-seed.ts; never a wrap onto seed 0);
//  - a CSV training set has no test set unless one is named (the caller knows what a CSV is).
import type { Dataset } from '../data/dataset.js';
import { datasetFromSpec } from '../data/registry.js';
import { parseSpec } from '../spec.js';
import { siblingSeed } from '../rng/sibling-seed.js';
import { NOTEBOOK_TEST_SPEC, NOTEBOOK_TRAIN_SPEC } from './notebook-config.js';

/** The seed every generator uses when its SPEC names none (the registry's `seed=1`). */
const DEFAULT_DATA_SEED = 1;

let notebookTrain: Dataset | null = null;

/** Same shape and the same values, bit for bit. */
function sameData(a: Dataset, b: Dataset): boolean {
  if (a.X.rows !== b.X.rows || a.X.cols !== b.X.cols) return false;
  for (let i = 0; i < a.X.data.length; i++) if (!Object.is(a.X.data[i], b.X.data[i])) return false;
  for (let i = 0; i < a.Y.data.length; i++) if (a.Y.data[i] !== b.Y.data[i]) return false;
  return true;
}

/** True when `train` is the notebook's training set (compared by value, so any spelling of its SPEC counts). */
export function isNotebookTrainSet(train: Dataset): boolean {
  if (train.X.rows !== 2 || train.X.cols !== 300) return false; // cheap early exit for everything else
  notebookTrain ??= datasetFromSpec(NOTEBOOK_TRAIN_SPEC);
  return sameData(train, notebookTrain);
}

/**
 * The default test SPEC for a generated training set given by `trainSpec` (already
 * validated, e.g. `moons:n=300,noise=0.2,seed=3` → `moons:n=300,noise=0.2,seed=4`).
 * `train` is the data that SPEC made (used to recognise the notebook's set).
 */
export function defaultTestSpec(trainSpec: string, train: Dataset): string {
  if (isNotebookTrainSet(train)) return NOTEBOOK_TEST_SPEC;
  const { name, params } = parseSpec(trainSpec, 'dataset');
  const seed = params.seed === undefined ? DEFAULT_DATA_SEED : Number(params.seed);
  const next = { ...params, seed: String(siblingSeed(seed)) };
  return `${name}:${Object.entries(next)
    .map(([k, v]) => `${k}=${v}`)
    .join(',')}`;
}

/** Where a run's test set came from: named with --test / the URL, the rule above, or none (CSV training data). */
export type TestSource = 'given' | 'default' | 'none';

/**
 * The test SPEC a run uses: the one given, else the default above; null for a CSV
 * training set with none given (`isCsv`: the training SPEC names a file or a dropped CSV).
 */
export function resolveTestSpec(
  trainSpec: string,
  train: Dataset,
  given: string | undefined,
  isCsv: boolean,
): { spec: string | null; source: TestSource } {
  if (given !== undefined) return { spec: given, source: 'given' };
  if (isCsv) return { spec: null, source: 'none' };
  return { spec: defaultTestSpec(trainSpec, train), source: 'default' };
}
