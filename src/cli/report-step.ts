// After a training command: write the report folder unless --no-report. The plotting
// stack is imported here, on demand, so runs without a report start fast.
import { describeDiagnosis } from '../train/doctor.js';
import { RANDOM_SCALE } from '../nn/initializers.js';
import { checkModelPath, checkOutputDir, checkSaveOutsideOut } from '../node/outputs.js';
import type { TrainingFlags } from './flags.js';
import { keepRunningWithoutStdout, requireStdout } from './stdout.js';
import { titleOf, type ExecutedRuns } from './runs.js';
import { VERSION } from './version.js';

/**
 * Checks every path a training command will write (the report folder unless --no-report,
 * the model of --save) before the first iteration, so a bad one never costs a run.
 * Throws UsageError or FileError (outputs.ts).
 */
export function checkRunOutputs(flags: TrainingFlags & { save?: string }): void {
  if (flags.report) checkOutputDir(flags.out, '--out');
  else if (flags.save === undefined) requireStdout('the results'); // with neither a report nor a model, stdout is all there is
  if (flags.save !== undefined) {
    if (flags.report && flags.save.trim() !== '') checkSaveOutsideOut(flags.save, flags.out);
    checkModelPath(flags.save, '--save');
  }
  if (flags.report || flags.save !== undefined) keepRunningWithoutStdout();
}

/** The test SPEC actually used and where it came from, in words. */
export function testDataLine(spec: string | null, source: 'given' | 'default' | 'none'): string {
  if (spec === null) return 'no test set (CSV training data; name one with --test)';
  return source === 'default' ? `${spec} (default: follows the training data)` : spec;
}

export async function writeRunsReport(
  r: ExecutedRuns,
  flags: TrainingFlags,
  title: string,
): Promise<void> {
  if (!flags.report || r.outputs.length === 0) return;
  const { writeReport } = await import('../node/report.js');
  const b = r.setup.base;
  const files = await writeReport(flags.out, {
    title,
    version: VERSION,
    runs: r.outputs.map((o, i) => ({
      label: titleOf(o.result.init),
      short: o.result.init,
      output: o,
      verdict: r.doc.runs[i].verdict,
      doctor: describeDiagnosis(r.doc.runs[i].doctor),
    })),
    train: r.setup.train,
    test: r.setup.test,
    showTest: flags.showTest,
    results: r.doc,
    config: [
      ['layers', b.layers.join(', ')],
      ['hidden activation', `${b.activation} (output: sigmoid)`],
      ['learning rate', String(b.learningRate)],
      ['iterations', String(b.iterations)],
      ['weights seed', String(b.seed)],
      ['scale (random)', String(b.scale ?? RANDOM_SCALE)],
      ['training data', r.setup.trainSpec],
      ['test data', testDataLine(r.setup.testSpec, r.setup.testSource)],
      ['kernels', r.doc.backend],
      ['initlab', VERSION],
    ],
  });
  const line = `report: ${flags.out}/index.html (${files.length} files)`;
  if (flags.json) process.stderr.write(`${line}\n`);
  else process.stdout.write(`\n${line}\n`);
}
