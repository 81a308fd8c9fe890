// What notebook, train and compare do once their flags are parsed.
import { UsageError } from '../../errors.js';
import { NOTEBOOK_INITS } from '../../experiments/notebook-config.js';
import type { TrainingFlags } from '../flags.js';
import { checkRunOutputs, writeRunsReport } from '../report-step.js';
import { checkRunLimits, executeRuns, type ExecutedRuns } from '../runs.js';
import { interruptExitCode } from '../interrupt.js';
import { flag, parseInits, resolveSetup, type Setup } from '../setup.js';
import { resolveInitializer } from '../../nn/initializers.js';
import { VERSION } from '../version.js';

function finish(r: ExecutedRuns): void {
  if (r.interrupted) process.exitCode = interruptExitCode();
  else if (r.diverged) process.exitCode = 1;
}

/** The label a run of `init` gets: `random` under --scale 3 is `random:scale=3`. */
const labelOf = (init: string, setup: Setup) =>
  resolveInitializer(init, { scale: setup.base.scale }).label;

export async function notebook(flags: TrainingFlags): Promise<void> {
  const setup = resolveSetup(flags, NOTEBOOK_INITS, (plan) =>
    checkRunLimits(NOTEBOOK_INITS, plan, flags),
  );
  checkRunOutputs(flags);
  const r = await executeRuns([...NOTEBOOK_INITS], setup, flags, VERSION);
  await writeRunsReport(r, flags, 'initlab: the Initialization notebook, reproduced');
  finish(r);
}

export async function trainOne(
  flags: TrainingFlags & { init: string; save?: string },
): Promise<void> {
  const inits = parseInits(flags.init, '--init');
  if (inits.length > 1)
    throw new UsageError(
      `--init takes one initialization; to train several use: initlab compare --inits ${flags.init}`,
    );
  const setup = resolveSetup(flags, inits, (plan) => checkRunLimits(inits, plan, flags));
  checkRunOutputs(flags);
  const r = await executeRuns(inits, setup, flags, VERSION);
  const out = r.outputs[0];
  if (flags.save !== undefined && out && out.result.stopReason !== 'diverged') {
    const { saveModel } = await import('../../node/model-file.js');
    const res = out.result;
    saveModel(flags.save, out.network, {
      init: res.init,
      seed: res.seed,
      learningRate: res.learningRate,
      iterations: res.iterationsRun,
      trainData: r.setup.trainSpec,
      createdBy: `initlab ${VERSION}`,
    });
    (flags.json ? process.stderr : process.stdout).write(`model: ${flags.save}\n`);
  }
  await writeRunsReport(r, flags, `initlab train: ${labelOf(inits[0], setup)}`);
  finish(r);
}

export async function compare(flags: TrainingFlags & { inits: string }): Promise<void> {
  const inits = parseInits(flags.inits, '--inits', flag('scale', flags.scale));
  const setup = resolveSetup(flags, inits, (plan) => checkRunLimits(inits, plan, flags));
  checkRunOutputs(flags);
  const r = await executeRuns(inits, setup, flags, VERSION);
  await writeRunsReport(
    r,
    flags,
    `initlab compare: ${inits.map((i) => labelOf(i, setup)).join(', ')}`,
  );
  finish(r);
}
