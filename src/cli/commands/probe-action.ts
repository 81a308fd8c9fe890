// What `initlab probe` and `initlab gradcheck` do once their flags are parsed.
import { buildNetwork, hiddenActivations } from '../../experiments/run.js';
import { probe } from '../../experiments/probe.js';
import { commandKernels } from '../kernels.js';
import { UsageError } from '../../errors.js';
import { courseGradientCheckCase, gradientCheck } from '../../train/gradient-check.js';
import type { Network } from '../../nn/network.js';
import { toJson } from '../json.js';
import { checkScaleFlag, flag, loadData, parseLayers } from '../setup.js';
import type { GradcheckFlags, ProbeFlags } from './probe.js';
import { maxOf, minOf } from '../../extent.js';
import { checkShapes } from '../shapes.js';
import { requireStdout } from '../stdout.js';

export async function runProbe(flags: ProbeFlags): Promise<void> {
  const f = {
    depth: flag('depth', flags.depth),
    width: flag('width', flags.width),
    samples: flag('samples', flags.samples),
    seed: flag('seed', flags.seed),
    scale: flag('scale', flags.scale),
  };
  checkScaleFlag(f.scale, [flags.init]);
  requireStdout('the statistics');
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
  const lo = minOf(logs);
  const span = maxOf(logs) - lo || 1;
  r.layers.forEach((l, i) => process.stdout.write(`${String(l.layer).padStart(5)} ${l.mean.toExponential(3).padStart(12)} ${l.std.toExponential(3).padStart(12)}  ${'█'.repeat(1 + Math.round((39 * (logs[i] - lo)) / span))}\n`));
  if (stopped) process.stdout.write(`${String(r.divergedAt).padStart(5)}  stopped: ${r.divergence}\n`);
  process.stderr.write(stopped);
}

export async function runGradcheck(flags: GradcheckFlags): Promise<void> {
  const f = { seed: flag('seed', flags.seed), scale: flag('scale', flags.scale), epsilon: flag('epsilon', flags.epsilon) };
  checkScaleFlag(f.scale, [flags.init]);
  requireStdout('the difference');
  if (flags.courseCase) {
    if (flags.model !== undefined) throw new UsageError('--course-case brings its own parameters: give it or --model, not both');
    const c = courseGradientCheckCase();
    report(gradientCheck(c.parameters, { X: c.X, Y: c.Y }, { epsilon: f.epsilon, loss: flags.loss }), flags);
    return;
  }
  const data = loadData(flags.train);
  let net: Network;
  if (flags.model !== undefined) { // `--model ''` is refused by loadModel, never taken for no model
    const { loadModel } = await import('../../node/model-file.js');
    net = loadModel(flags.model).network;
    if (net.dims[0] !== data.X.rows) throw new UsageError(`the model takes ${net.dims[0]} inputs but --train has ${data.X.rows} features`);
  } else {
    const layers = parseLayers(flags.layers);
    hiddenActivations(layers, flags.activation, '--activation');
    checkShapes(layers, data);
    net = buildNetwork({ init: flags.init, seed: f.seed, scale: f.scale, layers, activation: flags.activation }, data);
  }
  report(gradientCheck(net, data, { epsilon: f.epsilon, loss: flags.loss }), flags);
}

function report(difference: number, flags: GradcheckFlags): void {
  if (flags.json) {
    process.stdout.write(`${toJson({ difference, loss: flags.loss })}\n`);
    return;
  }
  const ok = difference < 2e-7;
  process.stdout.write(`difference = ${difference.toExponential(3)}: ${ok ? 'backpropagation agrees with the finite differences' : 'larger than 2e-7: check the gradients (or kinks of ReLU near 0)'}\n`);
}
