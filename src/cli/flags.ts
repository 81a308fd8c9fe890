// The flags train, compare and notebook share (defaults are the notebook's). Definitions
// only, cheap to import: --help must answer fast; checking them is setup.ts's job.
import { type Command, Option } from 'commander';
import type { OptionName } from '../options.js';
import {
  NOTEBOOK_DEFAULTS,
  NOTEBOOK_TEST_SPEC,
  NOTEBOOK_TRAIN_SPEC,
} from '../experiments/notebook-config.js';
import { ACTIVATION_NAMES } from '../registry-names.js';

const d = NOTEBOOK_DEFAULTS;

/** The flag each core option is given by (the web lab has its own field labels: web/src/url-state.ts). */
export const OPTION_FLAGS: Record<OptionName, string> = {
  seed: '--seed',
  scale: '--scale',
  learningRate: '--lr',
  iterations: '--iterations',
  printEvery: '--print-every',
  diagnosticsEvery: '--diagnostics-every',
  batchSize: '--batch-size',
  shuffleSeed: '--shuffle-seed',
  epsilon: '--epsilon',
  depth: '--depth',
  width: '--width',
  samples: '--samples',
  workers: '--workers',
  threads: '--threads',
  port: '--port',
};

/** The kernels a command computes on (read by cli/kernels.ts). */
export interface KernelFlags {
  backend: 'auto' | 'wasm' | 'ts';
  threads?: string;
}

/** Adds --backend and --threads. */
export function addKernelOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option(
        '--backend <name>',
        'kernels: wasm (SIMD, the default where it runs) or ts (the TypeScript reference)',
      )
        .choices(['auto', 'wasm', 'ts'])
        .default('auto'),
    )
    .option(
      '--threads <n>',
      "threads for wide layers with the wasm kernels (a product of 2M+ multiply-adds is split between them, same numbers); default: the machine's cores; 1: one thread",
    );
}

/** Adds the network / training flags (defaults are the notebook's). */
export function addTrainingOptions(cmd: Command): Command {
  return addKernelOptions(cmd)
    .option('--seed <n>', "seed of the weights' RandomState (0..4294967295)", String(d.seed))
    .option(
      '--scale <x>',
      `multiplier of the normal draws of --init random, and of no other initializer (default: random's own, ${d.scale})`,
    )
    .option('--layers <sizes>', 'layer sizes, input first, output 1', d.layers.join(','))
    .option(
      '--activation <name>',
      `hidden-layer activation (${ACTIVATION_NAMES.join(', ')})`,
      d.activation,
    )
    .option('--lr <x>', 'learning rate of gradient descent', String(d.learningRate))
    .option(
      '--iterations <n>',
      'gradient-descent iterations (epochs with --cost-report epoch-mean)',
      String(d.iterations),
    )
    .option(
      '--optimizer <spec>',
      "gd (the notebook's), momentum[:beta=0.9] or adam[:beta1=0.9,beta2=0.999,epsilon=1e-8]",
      'gd',
    )
    .option(
      '--batch-size <n>',
      'mini-batch size, shuffled each epoch (see --shuffle-seed) (0: the full batch, as the notebook)',
      '0',
    )
    .option(
      '--shuffle-seed <n>',
      "epoch e's mini-batches are shuffled with RandomState(n + e), n + e counted on from 0 past 4294967295 (default: --seed; the Optimization notebook's is 11)",
    )
    .option(
      '--lr-decay <spec>',
      'learning rate by epoch, as the Optimization notebook: none, inverse[:rate=1] (lr / (1 + rate·epoch), its update_lr) or scheduled[:rate=1,interval=1000] (lr / (1 + rate·floor(epoch / interval)), its schedule_lr_decay)',
      'none',
    )
    .addOption(
      new Option(
        '--cost-report <kind>',
        "cost printed: full (the whole training set every --print-every iterations) or epoch-mean (the Optimization notebook's: per epoch, the mini-batches' summed costs before their updates / examples; --iterations and --print-every then count epochs)",
      )
        .choices(['full', 'epoch-mean'])
        .default('full'),
    )
    .option(
      '--diagnostics-every <n>',
      'per-layer statistics (activations, gradients, weights) every n iterations, from 0 (0: none; default: --print-every)',
    )
    .option(
      '--print-every <n>',
      'record (and print) the cost every n iterations (epochs with --cost-report epoch-mean)',
      String(d.printEvery),
    )
    .option(
      '--train <spec>',
      'training data: NAME[:key=value,...] or a CSV file (x1,...,xn,label)',
      NOTEBOOK_TRAIN_SPEC,
    )
    .option(
      '--test <spec>',
      `test data: NAME[:key=value,...] or a CSV file (default: the --train generator with the same parameters and seed + 1 (seed − 1 for 4294967295); the notebook's ${NOTEBOOK_TEST_SPEC} for its training set; none for a CSV file)`,
    )
    .addOption(
      new Option(
        '--loss <kind>',
        "cost printed: stable (from the logits) or naive (the notebook's formula, may print inf)",
      )
        .choices(['stable', 'naive'])
        .default('stable'),
    )
    .option('--json', 'print one JSON document on stdout instead of text')
    .option('--no-report', 'do not write the report folder')
    .option('--out <dir>', 'report folder', 'initlab-report')
    .option(
      '--show-test',
      'draw the test points (instead of the training points) on the decision boundaries',
    )
    .option('--quiet', 'no progress bar');
}

export interface TrainingFlags extends KernelFlags {
  seed: string;
  /** random's multiplier; absent: random's own default. */
  scale?: string;
  layers: string;
  activation: string;
  lr: string;
  iterations: string;
  printEvery: string;
  diagnosticsEvery?: string;
  optimizer: string;
  batchSize: string;
  shuffleSeed?: string;
  costReport: 'full' | 'epoch-mean';
  lrDecay?: string;
  train: string;
  /** Absent: the test set follows --train (see experiments/test-spec.ts). */
  test?: string;
  loss: 'stable' | 'naive';
  json?: boolean;
  report: boolean;
  out: string;
  showTest?: boolean;
  quiet?: boolean;
}
