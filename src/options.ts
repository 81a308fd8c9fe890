// The options of a run, each with one schema, named as the core names them. The command
// line reads them under its flags (`learningRate` is `--lr`), the web lab under its field
// labels; both check them with validate.ts's readParam, so a value is refused the same way
// wherever it is typed.
import type { ParamDef } from './validate.js';

export const OPTIONS = {
  seed: { integer: true, min: 0, max: 4294967295, doc: "seed of the weights' RandomState" },
  scale: {
    min: 0,
    doc: 'multiplier of the N(0, 1) draws of initialization random (and of no other)',
  },
  learningRate: { gt: 0, doc: 'learning rate' },
  iterations: { integer: true, min: 1, max: 1e9, doc: 'training iterations' },
  printEvery: { integer: true, min: 1, doc: 'iterations between recorded costs' },
  diagnosticsEvery: {
    integer: true,
    min: 0,
    doc: 'iterations between per-layer statistics (0: none)',
  },
  batchSize: { integer: true, min: 0, doc: 'mini-batch size (0: the full batch)' },
  shuffleSeed: {
    integer: true,
    min: 0,
    max: 4294967295,
    doc: 'seed of the mini-batch shuffles: epoch e uses RandomState((shuffleSeed + e) mod 2^32)',
  },
  epsilon: { gt: 0, lt: 1, doc: 'the finite-difference step' },
  depth: { integer: true, min: 1, max: 10_000, doc: 'layers of the depth experiment' },
  width: { integer: true, min: 1, max: 20_000, doc: 'units per layer of the depth experiment' },
  samples: {
    integer: true,
    min: 1,
    max: 1_000_000,
    doc: 'random input examples of the depth experiment',
  },
  workers: { integer: true, min: 1, max: 256, doc: 'worker threads of a sweep' },
  threads: { integer: true, min: 1, max: 256, doc: 'threads of the wasm kernels for wide layers' },
  port: { integer: true, min: 0, max: 65535, doc: "the web lab's port (0: any free one)" },
} as const satisfies Record<string, ParamDef>;

export type OptionName = keyof typeof OPTIONS;
