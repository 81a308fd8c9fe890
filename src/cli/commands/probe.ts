// `initlab probe` (the depth experiment) and `initlab gradcheck` (the course's gradient check).
import { type Command, Option } from 'commander';
import { NOTEBOOK_TRAIN_SPEC } from '../../experiments/notebook-config.js';
import { addKernelOptions, type KernelFlags } from '../flags.js';
import { ACTIVATION_NAMES, INITIALIZER_NAMES } from '../../registry-names.js';

export interface ProbeFlags extends KernelFlags {
  init: string;
  scale?: string;
  depth: string;
  width: string;
  activation: string;
  samples: string;
  seed: string;
  biasStd?: string;
  sigmaW?: string;
  c0?: string;
  backward?: boolean;
  jacobian?: boolean;
  theory?: boolean;
  json?: boolean;
  out?: string;
}

export interface GradcheckFlags {
  init: string;
  seed: string;
  scale?: string;
  layers: string;
  activation: string;
  train: string;
  epsilon: string;
  loss: 'stable' | 'naive';
  model?: string;
  courseCase?: boolean;
  json?: boolean;
}

export function registerProbeCommands(program: Command): void {
  addKernelOptions(
    program
      .command('probe')
      .description(
        'the depth experiment: random inputs through a deep plain network (no training), activation spread per layer',
      )
      .option('--init <name>', `initialization (${INITIALIZER_NAMES.join(', ')})`, 'he')
      .option(
        '--scale <x>',
        "multiplier of --init random's draws, and of no other initializer (default: random's own, 10)",
      )
      .option('--depth <n>', 'layers', '10')
      .option('--width <n>', 'units per layer (and input features)', '500')
      .option(
        '--activation <name>',
        `activation of every layer (${ACTIVATION_NAMES.join(', ')})`,
        'tanh',
      )
      .option('--samples <n>', 'random input examples', '1000')
      .option('--seed <n>', 'seed of the one RandomState for inputs and weights', '0'),
  )
    .option(
      '--bias-std <s>',
      "biases drawn N(0, s²) after each layer's weights (σ_b² = s²; default 0: none)",
    )
    .option(
      '--sigma-w <s>',
      "rescale each layer's drawn weights to σ_w²/fan_in mean square (σ_w² = s²), keeping --init's shape (normal, uniform, orthogonal…); default: as --init draws them",
    )
    .option('--c0 <c>', 'give samples 0 and 1 this correlation, to follow c^l layer by layer')
    .option(
      '--backward',
      'also a backward pass from a N(0, 1) output gradient (RandomState(seed + 1), or seed − 1 for 4294967295): per layer the RMS of the back-propagated gradient and of the weight gradient',
    )
    .option('--jacobian', 'also the singular values of the input-output Jacobian at sample 0')
    .option(
      '--theory',
      "put the mean-field predictions (from each layer's own σ_w², σ_b²) beside the measurement",
    )
    .option(
      '--json',
      'print {"layers":[{"layer","mean","std","weightVar","biasVar","q","c","lengthRatio",...}...],"input","stopReason","theory","jacobian"}',
    )
    .option(
      '--out <dir>',
      "also write a report folder: the measured q^l, c^l and back-propagated gradient (with --backward) beside the theory's curves, results.json, index.html",
    )
    .action(async (flags: ProbeFlags) => (await import('./probe-action.js')).runProbe(flags));

  program
    .command('gradcheck')
    .description(
      'check backpropagation against two-sided finite differences: ‖g − g̃‖ / (‖g‖ + ‖g̃‖); exit 0 when the verdict is agrees or zero, 1 when it is disagrees, unresolved or kinks (what to do on stderr)',
    )
    .option('--init <name>', 'initialization', 'he')
    .option('--seed <n>', 'seed of the weights', '3')
    .option(
      '--scale <x>',
      "multiplier of --init random's draws, and of no other initializer (default: random's own, 10)",
    )
    .option('--layers <sizes>', 'layer sizes, input first, output 1', '2,10,5,1')
    .option('--activation <name>', 'hidden-layer activation(s)', 'relu')
    .option('--train <spec>', 'the data the cost is measured on', NOTEBOOK_TRAIN_SPEC)
    .option('--epsilon <x>', 'the finite-difference step', '1e-7')
    .addOption(
      new Option(
        '--loss <kind>',
        "cost differentiated: stable (from the logits) or naive (the course's −log(a)·y − log(1 − a)·(1 − y); its N-dimensional case gives ~1.2e-7 with it)",
      )
        .choices(['stable', 'naive'])
        .default('stable'),
    )
    .option(
      '--model <file>',
      "check a saved model's parameters and activations (initlab train --save) instead of drawing them (not with --init, --seed, --scale, --layers or --activation)",
    )
    .option(
      '--course-case',
      "the Gradient Checking notebook's own N-dimensional case (gradient_check_n_test_case: seed 1, 4 features, 3 examples, layers 4,5,3,1, relu) instead of --init/--seed/--layers/--activation/--train",
    )
    .option(
      '--json',
      'print {"difference", "loss", "verdict" (agrees, zero, unresolved, kinks, disagrees), "resolved", "cost", "gradientFloor", "zeroGradients", "kinks", ...}',
    )
    .action(async (flags: GradcheckFlags) =>
      (await import('./probe-action.js')).runGradcheck(flags),
    );
}
