// `initlab notebook` (the default), `initlab train` and `initlab compare`: one code path,
// three ways of choosing the initializers.
import type { Command } from 'commander';
import { NOTEBOOK_INITS } from '../../experiments/notebook.js';
import { addTrainingOptions, parseInits, resolveSetup, type TrainingFlags } from '../options.js';
import { executeRuns, type ExecutedRuns } from '../runs.js';
import { writeRunsReport } from '../report-step.js';
import { initializerNames } from '../../nn/initializers.js';
import { VERSION } from '../version.js';
import { UsageError } from '../../errors.js';


function finish(r: ExecutedRuns): void {
  if (r.interrupted) process.exitCode = 130;
  else if (r.diverged) process.exitCode = 1;
}

export function registerTrainingCommands(program: Command): void {
  addTrainingOptions(
    program
      .command('notebook', { isDefault: true })
      .description("reproduce the notebook: train with zeros, random ×10 and He, then compare (the default command)"),
  ).action(async (flags: TrainingFlags) => {
    const r = executeRuns([...NOTEBOOK_INITS], resolveSetup(flags), flags, VERSION);
    await writeRunsReport(r, flags, 'initlab: the Initialization notebook, reproduced');
    finish(r);
  });

  addTrainingOptions(
    program
      .command('train')
      .description('train one network and report its costs and accuracies')
      .option('--init <name>', `initialization (${initializerNames().join(', ')}; random:scale=X also works)`, 'he'),
  ).action(async (flags: TrainingFlags & { init: string }) => {
    const inits = parseInits(flags.init);
    if (inits.length > 1) throw new UsageError(`--init takes one initialization; to train several use: initlab compare --inits ${flags.init}`);
    const setup = resolveSetup(flags);
    const r = executeRuns(inits, setup, flags, VERSION);
    await writeRunsReport(r, flags, `initlab train: ${inits[0]}`);
    finish(r);
  });

  addTrainingOptions(
    program
      .command('compare')
      .description('train several initializations on the same data and compare them')
      .option('--inits <list>', `comma-separated initializations (${initializerNames().join(', ')})`, NOTEBOOK_INITS.join(',')),
  ).action(async (flags: TrainingFlags & { inits: string }) => {
    const inits = parseInits(flags.inits);
    const r = executeRuns(inits, resolveSetup(flags), flags, VERSION);
    await writeRunsReport(r, flags, `initlab compare: ${inits.join(', ')}`);
    finish(r);
  });
}
