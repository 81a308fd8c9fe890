// What `initlab probe` and `initlab gradcheck` do once their flags are parsed.
import * as z from 'zod/mini';
import { UsageError } from '../../errors.js';
import { buildNetwork } from '../../experiments/run.js';
import { probe } from '../../experiments/probe.js';
import { commandKernels } from '../kernels.js';
import { gradientCheck } from '../../train/gradient-check.js';
import { checkedNumber, int, num, parseOrThrow, seedText } from '../../validate.js';
import { toJson } from '../json.js';
import { watchInterrupt } from '../interrupt.js';
import { createProgress } from '../progress.js';
import { checkGradcheck, checkInitCommand, checkLsuvRounds } from '../../limits.js';
import { resolveInitializer } from '../../nn/initializers.js';
import { loadData, parseLayers } from '../setup.js';
import type { GradcheckFlags, ProbeFlags } from './probe.js';

const probeSchema = z.object({
  depth: int('--depth'),
  width: int('--width'),
  samples: int('--samples'),
  seed: seedText('--seed'),
  scale: z.optional(num('--scale')),
});

export async function runProbe(flags: ProbeFlags): Promise<void> {
  const f = parseOrThrow(probeSchema, flags, 'invalid option');
  const { kernels, close } = await commandKernels(flags);
  let r: ReturnType<typeof probe>;
  try {
    r = probe({ init: flags.init, scale: f.scale, depth: f.depth, width: f.width, activation: flags.activation, samples: f.samples, seed: f.seed }, kernels, watchInterrupt());
  } finally {
    close();
  }
  if (flags.json) {
    process.stdout.write(`${toJson(r)}\n`);
    return;
  }
  process.stdout.write(`${flags.init}${f.scale !== undefined ? ` ×${f.scale}` : ''}, ${flags.activation}, ${f.depth} layers of ${f.width} units, ${f.samples} samples, seed ${f.seed}\n`);
  process.stdout.write('layer        mean          std  (bar: log of std, between the smallest and the largest)\n');
  const logs = r.layers.map((l) => Math.log10(Math.max(l.std, 1e-300)));
  const lo = Math.min(...logs);
  const span = Math.max(...logs) - lo || 1;
  r.layers.forEach((l, i) => process.stdout.write(`${String(l.layer).padStart(5)} ${l.mean.toExponential(3).padStart(12)} ${l.std.toExponential(3).padStart(12)}  ${'█'.repeat(1 + Math.round((39 * (logs[i] - lo)) / span))}\n`));
}

const gradSchema = z.object({
  seed: seedText('--seed'),
  scale: num('--scale'),
  epsilon: checkedNumber(num('--epsilon'), z.gt(0, { message: '--epsilon must be > 0' }), z.lt(1, { message: '--epsilon must be < 1' })),
});

export async function runGradcheck(flags: GradcheckFlags): Promise<void> {
  const f = parseOrThrow(gradSchema, flags, 'invalid option');
  const layers = parseLayers(flags.layers);
  const data = loadData(flags.train);
  if (layers[0] !== data.X.rows) throw new UsageError(`--layers starts with ${layers[0]} inputs but the data has ${data.X.rows} features`);
  const { init, opts } = resolveInitializer(flags.init, { scale: f.scale });
  if (init.needsData) {
    checkLsuvRounds(opts['max-iter'] as number);
    checkInitCommand(layers, init.name, `--layers ${layers.join(',')}`, data.X.cols, opts['max-iter'] as number);
  }
  // two forward passes per parameter: refused up front when that would take too long
  checkGradcheck(layers, data.X.cols, `--layers ${layers.join(',')}`);
  const shouldStop = watchInterrupt();
  const net = buildNetwork({ init: flags.init, seed: f.seed, scale: f.scale, layers, activation: flags.activation }, data, shouldStop);
  const progress = createProgress(!flags.json);
  let difference: number;
  try {
    difference = gradientCheck(net, data, {
      epsilon: f.epsilon,
      shouldStop,
      onProgress: (done, total) => (done === 0 ? progress.start('gradcheck', total, 'parameters') : progress.update(done)),
    });
  } finally {
    progress.stop();
  }
  if (flags.json) {
    process.stdout.write(`${toJson({ difference })}\n`);
    return;
  }
  const ok = difference < 2e-7;
  process.stdout.write(`difference = ${difference.toExponential(3)}: ${ok ? 'backpropagation agrees with the finite differences' : 'larger than 2e-7: check the gradients (or kinks of ReLU near 0)'}\n`);
}
