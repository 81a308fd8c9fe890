// What `initlab probe` and `initlab gradcheck` do once their flags are parsed.
import * as z from 'zod/mini';
import { UsageError } from '../../errors.js';
import { buildNetwork } from '../../experiments/run.js';
import { probe } from '../../experiments/probe.js';
import { commandKernels } from '../kernels.js';
import { gradientCheck } from '../../train/gradient-check.js';
import { checkedNumber, int, num, parseOrThrow, seedText } from '../../validate.js';
import { toJson } from '../json.js';
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
    r = probe({ init: flags.init, scale: f.scale, depth: f.depth, width: f.width, activation: flags.activation, samples: f.samples, seed: f.seed }, kernels);
  } finally {
    close();
  }
  // an explosion past float64 stops the probe as divergence stops training: said on stderr, exit 1
  const stopped = r.stopReason === 'diverged' ? `initlab: the probe stopped at layer ${r.divergedAt} of ${f.depth}: ${r.divergence}; the signal exploded (use a smaller scale or another initialization)\n` : '';
  if (stopped) process.exitCode = 1;
  if (flags.json) {
    process.stdout.write(`${toJson(r)}\n`);
    process.stderr.write(stopped);
    return;
  }
  process.stdout.write(`${flags.init}${f.scale !== undefined ? ` ×${f.scale}` : ''}, ${flags.activation}, ${f.depth} layers of ${f.width} units, ${f.samples} samples, seed ${f.seed}\n`);
  process.stdout.write('layer        mean          std  (bar: log of std, between the smallest and the largest)\n');
  // exact zeros (a signal that vanished) are real values: their bar is the shortest
  const logs = r.layers.map((l) => Math.log10(Math.max(l.std, 1e-300)));
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of logs) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  const span = hi - lo || 1;
  r.layers.forEach((l, i) => process.stdout.write(`${String(l.layer).padStart(5)} ${l.mean.toExponential(3).padStart(12)} ${l.std.toExponential(3).padStart(12)}  ${'█'.repeat(1 + Math.round((39 * (logs[i] - lo)) / span))}\n`));
  if (stopped) process.stdout.write(`${String(r.divergedAt).padStart(5)}  stopped: ${r.divergence}\n`);
  process.stderr.write(stopped);
}

const gradSchema = z.object({
  seed: seedText('--seed'),
  scale: num('--scale'),
  epsilon: checkedNumber(num('--epsilon'), z.gt(0, { message: '--epsilon must be > 0' }), z.lt(1, { message: '--epsilon must be < 1' })),
});

export function runGradcheck(flags: GradcheckFlags): void {
  const f = parseOrThrow(gradSchema, flags, 'invalid option');
  const layers = parseLayers(flags.layers);
  const data = loadData(flags.train);
  if (layers[0] !== data.X.rows) throw new UsageError(`--layers starts with ${layers[0]} inputs but the data has ${data.X.rows} features`);
  const net = buildNetwork({ init: flags.init, seed: f.seed, scale: f.scale, layers, activation: flags.activation }, data);
  const difference = gradientCheck(net, data, f.epsilon);
  if (flags.json) {
    process.stdout.write(`${toJson({ difference })}\n`);
    return;
  }
  const ok = difference < 2e-7;
  process.stdout.write(`difference = ${difference.toExponential(3)}: ${ok ? 'backpropagation agrees with the finite differences' : 'larger than 2e-7: check the gradients (or kinks of ReLU near 0)'}\n`);
}
