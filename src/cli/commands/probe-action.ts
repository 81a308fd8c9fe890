// What `initlab probe` and `initlab gradcheck` do once their flags are parsed.
import { buildNetwork, hiddenActivations } from '../../experiments/run.js';
import { probe } from '../../experiments/probe.js';
import { type ProbeTheoryLayer, probeTheory } from '../../experiments/probe-theory.js';
import { readNumber } from '../../validate.js';
import { commandKernels } from '../kernels.js';
import { UsageError } from '../../errors.js';
import {
  courseGradientCheckCase,
  gradientCheckDetails,
  type GradientCheckResult,
} from '../../train/gradient-check.js';
import {
  costResolvingEpsilon,
  AGREES,
  gradientCheckVerdict,
  unresolvedBySize,
} from '../../train/gradient-verdict.js';
import type { Network } from '../../nn/network.js';
import { toJson } from '../json.js';
import { watchInterrupt } from '../interrupt.js';
import { createProgress } from '../progress.js';
import { checkGradcheck, checkInitCommand, checkLsuvRounds } from '../../limits.js';
import { resolveInitializer } from '../../nn/initializers.js';
import { checkScaleFlag, flag, loadData, parseLayers } from '../setup.js';
import type { GradcheckFlags, ProbeFlags } from './probe.js';
import { gradcheckFailure, TRUNCATION_EPSILON } from './gradcheck-failure.js';
import { maxOf, minOf } from '../../extent.js';
import { checkShapes } from '../shapes.js';
import { requireStdout } from '../stdout.js';
import { scalarActivation } from '../../theory/activation-calculus.js';
import { VERSION } from '../version.js';

export async function runProbe(flags: ProbeFlags): Promise<void> {
  const f = {
    depth: flag('depth', flags.depth),
    width: flag('width', flags.width),
    samples: flag('samples', flags.samples),
    seed: flag('seed', flags.seed),
    scale: flag('scale', flags.scale),
    biasStd: readNumber({ min: 0, max: 1e6, doc: 'bias std' }, flags.biasStd, '--bias-std'),
    sigmaW: readNumber(
      { min: 0, max: 1e6, doc: 'σ_w, the weight std times √fan_in' },
      flags.sigmaW,
      '--sigma-w',
    ),
    c0: readNumber({ min: -1, max: 1, doc: 'a correlation' }, flags.c0, '--c0'),
  };
  checkScaleFlag(f.scale, [flags.init]);
  if (flags.out !== undefined) {
    const { checkOutputDir } = await import('../../node/outputs.js');
    checkOutputDir(flags.out, '--out');
    scalarActivation(flags.activation); // the figure needs the theory: an activation it cannot read is refused before the run
  }
  requireStdout('the statistics');
  const { kernels, close } = await commandKernels(flags);
  let r: ReturnType<typeof probe>;
  try {
    r = probe(
      {
        init: flags.init,
        scale: f.scale,
        depth: f.depth,
        width: f.width,
        activation: flags.activation,
        samples: f.samples,
        seed: f.seed,
        biasStd: f.biasStd,
        sigmaW: f.sigmaW,
        c0: f.c0,
        backward: flags.backward,
        jacobian: flags.jacobian,
      },
      kernels,
      watchInterrupt(),
    );
  } finally {
    close();
  }
  // an explosion past float64 stops the probe as divergence stops training: said on stderr, exit 1
  const stopped =
    r.stopReason === 'diverged'
      ? `initlab: the probe stopped at layer ${r.divergedAt} of ${f.depth}: ${r.divergence}; the signal exploded (use a smaller scale or another initialization)\n`
      : '';
  if (stopped) process.exitCode = 1;
  const theory =
    flags.theory || flags.out !== undefined ? probeTheory(r, flags.activation) : undefined;
  if (flags.out !== undefined) {
    const { writeFigureReport } = await import('../../node/figure-report.js');
    const { probeTheorySpecs } = await import('../../plot/probe-theory-spec.js');
    const short = (x: number | undefined) =>
      x === undefined || Number.isNaN(x) ? '—' : x.toPrecision(4);
    const t = theory!;
    const files = await writeFigureReport(
      flags.out,
      {
        title: 'initlab probe: the measured network beside mean-field theory',
        config: [
          ['initialization', `${flags.init}${f.scale !== undefined ? ` ×${f.scale}` : ''}`],
          ['activation', flags.activation],
          ['layers', `${f.depth} of ${f.width} units`],
          ['samples', String(f.samples)],
          ['seed', String(f.seed)],
          ['bias std', String(f.biasStd ?? 0)],
          ['σ_w', f.sigmaW === undefined ? 'as drawn' : String(f.sigmaW)],
          ['c0', f.c0 === undefined ? 'as drawn' : String(f.c0)],
        ],
        table: {
          head: ['layer', 'q', 'theory q', 'c', 'theory c', 'backprop RMS', 'theory backprop RMS'],
          rows: r.layers.map((l, i) => [
            String(l.layer),
            short(l.q),
            short(t[i]?.q),
            short(l.c),
            short(t[i]?.c),
            short(l.backprop),
            short(t[i]?.backprop),
          ]),
        },
        figures: [
          {
            name: 'probe-theory',
            heading: 'Theory beside measurement',
            text: `Lines: the mean-field maps (Poole et al. 2016; Schoenholz et al. 2017) from each layer's own σ_w² and σ_b² as drawn; dots: this network.${r.stopReason === 'diverged' ? ` The probe stopped at layer ${r.divergedAt}: ${r.divergence}.` : ''}`,
            caption: 'q^l, c^l and the back-propagated gradient per layer',
            panels: probeTheorySpecs(r, t),
            columns: 3,
          },
        ],
        results: { ...r, theory: t },
      },
      VERSION,
    );
    process.stderr.write(`report: ${flags.out}/index.html (${files.length} files)\n`);
  }
  if (flags.json) {
    process.stdout.write(`${toJson(theory ? { ...r, theory } : r)}\n`);
    process.stderr.write(stopped);
    return;
  }
  if (
    flags.theory ||
    flags.backward ||
    f.c0 !== undefined ||
    f.biasStd !== undefined ||
    f.sigmaW !== undefined
  ) {
    printDetails(r, theory, flags.backward);
    if (r.jacobian) printJacobian(r.jacobian);
    process.stderr.write(stopped);
    return;
  }
  process.stdout.write(
    `${flags.init}${f.scale !== undefined ? ` ×${f.scale}` : ''}, ${flags.activation}, ${f.depth} layers of ${f.width} units, ${f.samples} samples, seed ${f.seed}\n`,
  );
  process.stdout.write(
    'layer        mean          std  (bar: log of std, between the smallest and the largest)\n',
  );
  // exact zeros (a signal that vanished) are real values: their bar is the shortest
  const logs = r.layers.map((l) => Math.log10(Math.max(l.std, 1e-300)));
  const lo = minOf(logs);
  const span = maxOf(logs) - lo || 1;
  r.layers.forEach((l, i) =>
    process.stdout.write(
      `${String(l.layer).padStart(5)} ${l.mean.toExponential(3).padStart(12)} ${l.std.toExponential(3).padStart(12)}  ${'█'.repeat(1 + Math.round((39 * (logs[i] - lo)) / span))}\n`,
    ),
  );
  if (stopped)
    process.stdout.write(`${String(r.divergedAt).padStart(5)}  stopped: ${r.divergence}\n`);
  if (r.jacobian) printJacobian(r.jacobian);
  process.stderr.write(stopped);
}

const e3 = (x: number | undefined) => (x === undefined ? '—' : x.toExponential(3)).padStart(11);

/** The probe's wider table: measured beside predicted, per layer. */
function printDetails(
  r: ReturnType<typeof probe>,
  theory: ProbeTheoryLayer[] | undefined,
  backward?: boolean,
): void {
  const head = [
    'layer',
    '       σ_w²',
    '       σ_b²',
    '          q',
    theory ? '   theory q' : '',
    '        std',
    theory ? ' theory std' : '',
    '          c',
    theory ? '   theory c' : '',
    '     M mean',
    '      M std',
    backward ? '   backprop' : '',
    backward && theory ? 'theory back' : '',
    ' weightGrad'.repeat(backward ? 1 : 0),
  ];
  const lines = [head.join(' ')];
  r.layers.forEach((l, i) => {
    const t = theory?.[i];
    lines.push(
      [
        String(l.layer).padStart(5),
        e3(l.weightVar),
        e3(l.biasVar),
        e3(l.q),
        theory ? e3(t?.q) : '',
        e3(l.std),
        theory ? e3(t?.std) : '',
        e3(l.c),
        theory ? e3(t?.c) : '',
        e3(l.lengthRatio.mean),
        e3(l.lengthRatio.std),
        backward ? e3(l.backprop) : '',
        backward && theory ? e3(t?.backprop) : '',
        backward ? e3(l.weightGrad) : '',
      ].join(' '),
    );
  });
  if (r.stopReason === 'diverged')
    lines.push(`${String(r.divergedAt).padStart(5)}  stopped: ${r.divergence}`);
  // where the theory had nothing to follow, say so once, from the first layer it applies to
  const seen = new Set<string>();
  for (const t of theory ?? [])
    if (t.degenerate && !seen.has(t.degenerate)) {
      seen.add(t.degenerate);
      lines.push(`theory from layer ${t.layer}: ${t.degenerate}`);
    }
  process.stdout.write(`${lines.join('\n')}\n`);
}

function printJacobian(j: NonNullable<ReturnType<typeof probe>['jacobian']>): void {
  process.stdout.write(
    `input-output Jacobian at sample 0: singular values mean ${j.mean.toPrecision(4)}, std ${j.std.toPrecision(4)}, from ${j.min.toPrecision(4)} to ${j.max.toPrecision(4)}; squared: mean ${j.squaredMean.toPrecision(4)}, variance ${j.squaredVariance.toPrecision(4)}\n`,
  );
}

export async function runGradcheck(flags: GradcheckFlags): Promise<void> {
  const f = {
    seed: flag('seed', flags.seed),
    scale: flag('scale', flags.scale),
    epsilon: flag('epsilon', flags.epsilon),
  };
  checkScaleFlag(f.scale, [flags.init]);
  requireStdout('the difference');
  if (flags.courseCase) {
    if (flags.model !== undefined)
      throw new UsageError('--course-case brings its own parameters: give it or --model, not both');
    const c = courseGradientCheckCase();
    report(
      gradientCheckDetails(
        c.parameters,
        { X: c.X, Y: c.Y },
        { epsilon: f.epsilon, loss: flags.loss },
      ),
      flags,
    );
    return;
  }
  const data = loadData(flags.train);
  const shouldStop = watchInterrupt();
  let net: Network;
  if (flags.model !== undefined) {
    // `--model ''` is refused by loadModel, never taken for no model
    const { loadModel } = await import('../../node/model-file.js');
    net = loadModel(flags.model).network;
    if (net.dims[0] !== data.X.rows)
      throw new UsageError(
        `the model takes ${net.dims[0]} inputs but --train has ${data.X.rows} features`,
      );
    checkGradcheck(net.dims, data.X.cols, `the model's layers ${net.dims.join(',')}`);
  } else {
    const layers = parseLayers(flags.layers);
    hiddenActivations(layers, flags.activation, '--activation');
    checkShapes(layers, data);
    const { init, opts } = resolveInitializer(flags.init, { scale: f.scale });
    if (init.needsData) {
      checkLsuvRounds(opts['max-iter'] as number);
      checkInitCommand(
        layers,
        init.name,
        `--layers ${layers.join(',')}`,
        data.X.cols,
        opts['max-iter'] as number,
      );
    }
    // two forward passes per parameter: refused up front when that would take too long
    checkGradcheck(layers, data.X.cols, `--layers ${layers.join(',')}`);
    net = buildNetwork(
      { init: flags.init, seed: f.seed, scale: f.scale, layers, activation: flags.activation },
      data,
      shouldStop,
    );
  }
  const progress = createProgress(!flags.json);
  let checked: GradientCheckResult;
  try {
    checked = gradientCheckDetails(net, data, {
      epsilon: f.epsilon,
      loss: flags.loss,
      shouldStop,
      onProgress: (done, total) =>
        done === 0 ? progress.start('gradcheck', total, 'parameters') : progress.update(done),
    });
  } finally {
    progress.stop();
  }
  report(checked, flags);
}

function report(c: GradientCheckResult, flags: GradcheckFlags): void {
  const verdict = gradientCheckVerdict(c);
  const bySize = verdict === 'unresolved' && unresolvedBySize(c);
  const suggested =
    verdict !== 'unresolved' ? undefined : bySize ? c.suggestedEpsilon : costResolvingEpsilon(c);
  // a check that does not confirm backpropagation is a failure: exit 1, and what to do on stderr
  const failure = gradcheckFailure(verdict, c, suggested);
  if (failure) process.exitCode = 1;
  const sayFailure = () => failure && process.stderr.write(`initlab: ${failure}\n`);
  if (flags.json) {
    process.stdout.write(
      `${toJson({
        difference: c.difference,
        loss: flags.loss,
        nudgeDifference: c.nudgeDifference,
        roundingFloor: c.roundingFloor,
        largestParameter: c.largestParameter,
        resolved: verdict !== 'unresolved',
        ...(suggested !== undefined ? { suggestedEpsilon: suggested } : {}),
        verdict,
        cost: c.cost,
        gradientFloor: c.gradientFloor,
        largestGradient: c.largestGradient,
        largestApprox: c.largestApprox,
        largestDisagreement: c.largestDisagreement,
        resolvedDifference: c.resolvedDifference,
        worstParameter: c.worstParameter,
        zeroGradients: c.zeroGradients,
        parameters: c.parameters,
        kinks: c.kinks,
      })}\n`,
    );
    sayFailure();
    return;
  }
  const floor = c.gradientFloor.toExponential(1);
  let text: string;
  if (verdict === 'zero')
    text = `the gradient is zero here: backpropagation's (largest |g| ${c.largestGradient.toExponential(1)}) and the finite differences' (largest |g̃| ${c.largestApprox.toExponential(1)}) are both 0 to within the cost's rounding (${floor} at ε = ${c.epsilon}), so they agree; the ratio compares rounding noise and is not a verdict`;
  else if (verdict === 'agrees')
    text =
      c.difference < AGREES
        ? 'backpropagation agrees with the finite differences'
        : `backpropagation agrees with the finite differences: ${c.resolvedDifference.toExponential(3)} over the ${c.parameters - c.zeroGradients} parameters whose gradient is above the cost's rounding (${floor}); the other ${c.zeroGradients} are 0 in both, and their rounding noise is what lifts the ratio`;
  else if (bySize) {
    const fix =
      c.suggestedEpsilon < 1
        ? `rerun with --epsilon ${c.suggestedEpsilon}, or check the model at a smaller scale`
        : 'check the model at a smaller scale (no --epsilon below 1 resolves these parameters)';
    text = `no verdict: ε = ${c.epsilon} is too small for parameters as large as ${c.largestParameter.toPrecision(3)} (a nudge of ${(c.epsilon / c.largestParameter).toExponential(1)} of their size: rounding alone makes differences near ${c.roundingFloor.toExponential(1)}); ${fix}`;
  } else if (verdict === 'unresolved') {
    const fix =
      suggested !== undefined && suggested <= 1e-3
        ? `rerun with --epsilon ${suggested}`
        : 'no ε resolves gradients this small against this cost; check a model whose gradient does not vanish';
    text = `no verdict: the gradients are so small (largest |g| ${c.largestGradient.toExponential(1)}) that the cost's rounding (${floor} per parameter at ε = ${c.epsilon}, cost ${c.cost.toPrecision(3)}) is as large as their difference (largest ${c.largestDisagreement.toExponential(1)}, at ${c.worstParameter}); ${fix}`;
  } else if (verdict === 'kinks')
    text = `larger than 2e-7, and ${c.kinks} hidden pre-activations lie within a nudge of their activation's kink (ReLU's at 0), where the finite difference averages the slopes on either side and backpropagation takes one: the difference (largest at ${c.worstParameter}) may come from them; check at weights off the kinks (another --seed or --init) before suspecting the gradients`;
  else {
    const oneZero =
      c.largestGradient <= c.gradientFloor
        ? ` (backpropagation's gradient is 0 to within rounding, the finite differences' is not: largest |g̃| ${c.largestApprox.toExponential(1)})`
        : c.largestApprox <= c.gradientFloor
          ? ` (the finite differences' gradient is 0 to within rounding, backpropagation's is not: largest |g| ${c.largestGradient.toExponential(1)})`
          : '';
    text =
      c.epsilon > TRUNCATION_EPSILON
        ? `larger than 2e-7, at a step ε = ${c.epsilon} large enough for the finite differences' truncation error (∝ ε²) to pass 2e-7 alone${oneZero}; they differ most at ${c.worstParameter}`
        : `larger than 2e-7: check the gradients${oneZero}; they differ most at ${c.worstParameter}`;
  }
  process.stdout.write(`difference = ${c.difference.toExponential(3)}: ${text}\n`);
  sayFailure();
}
