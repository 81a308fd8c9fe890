// What `initlab reproduce` does once its arguments are parsed.
import { availableParallelism } from 'node:os';
import { UsageError } from '../../errors.js';
import { OPTIONS } from '../../options.js';
import { reproductions, runReproduction } from '../../reproduce/registry.js';
import { describeTarget, type ReproductionResult, sixDigits } from '../../reproduce/result.js';
import { readNumber } from '../../validate.js';
import { OPTION_FLAGS } from '../flags.js';
import { toJson } from '../json.js';
import { keepRunningWithoutStdout, requireStdout } from '../stdout.js';
import { VERSION } from '../version.js';
import { interruptExitCode, watchInterrupt } from '../interrupt.js';
import { StopRequested } from '../../stop.js';
import { runStoppable } from '../../reproduce/stop-hook.js';
import type { ReproduceFlags } from './reproduce.js';

export async function runReproduce(names: string[], flags: ReproduceFlags): Promise<void> {
  const unknown = names.filter((n) => !reproductions.some((r) => r.name === n.toLowerCase()));
  if (unknown.length)
    throw new UsageError(
      `unknown reproduction ${unknown.map((n) => `"${n}"`).join(', ')}; accepted: ${reproductions.map((r) => r.name).join(', ')} (see initlab reproduce --list)`,
    );
  const twice = names.find(
    (n, i) => names.findIndex((m) => m.toLowerCase() === n.toLowerCase()) < i,
  );
  if (twice !== undefined)
    throw new UsageError(`reproduction "${twice}" is given twice; give each name once`);
  // the registry's order, whatever the order given (the list's order, and the report's)
  const chosen = names.length
    ? reproductions.filter((r) => names.some((n) => n.toLowerCase() === r.name))
    : reproductions;
  if (flags.list) {
    requireStdout('the list');
    if (flags.json)
      process.stdout.write(
        `${toJson({ reproductions: chosen.map(({ name, title, claim, sources }) => ({ name, title, claim, sources })) })}\n`,
      );
    else
      for (const r of chosen)
        process.stdout.write(`${r.name.padEnd(16)} ${r.title}\n${' '.repeat(17)}${r.sources[0]}\n`);
    return;
  }
  // he2015 draws from --seed + 1 to --seed + 3, counted on modulo 2^32: every seed works
  const seed = readNumber(OPTIONS.seed, flags.seed, OPTION_FLAGS.seed) ?? 0;
  if (flags.report) {
    const { checkOutputDir } = await import('../../node/outputs.js');
    checkOutputDir(flags.out, '--out');
    keepRunningWithoutStdout();
  } else requireStdout('the verdicts');
  const results: ReproductionResult[] = [];
  // a stop abandons the reproduction running (each one sees it at its next layer drawn, or
  // its pool's threads are ended) and keeps the finished ones, whose verdicts stand
  const shouldStop = watchInterrupt();
  let interrupted = false;
  for (const r of chosen) {
    if (!flags.json) process.stderr.write(`${r.name}: running${flags.quick ? ' (quick)' : ''}…\n`);
    // this thread's output reaches the terminal through the supervisor only while its event
    // loop turns: let the lines out before a reproduction holds the thread for seconds
    await new Promise((resolve) => setImmediate(resolve));
    const o = { quick: Boolean(flags.quick), seed };
    // independent training runs (he2015) go to one thread per core; the rest run here
    const threads = Math.min(availableParallelism(), 8);
    try {
      if (shouldStop()) throw new StopRequested('the reproductions');
      const res =
        r.split && threads > 1
          ? await (
              await import('../../node/reproduce-pool.js')
            ).runReproductionOnPool(r, o, threads, shouldStop)
          : runStoppable(shouldStop, () => runReproduction(r, o));
      results.push(res);
      if (!flags.json) printResult(res);
    } catch (e) {
      if (!(e instanceof StopRequested)) throw e;
      interrupted = true;
      break;
    }
  }
  const pass = results.every((r) => r.pass);
  if (flags.report) {
    const { writeReproductionReport } = await import('../../node/reproduction-report.js');
    const files = await writeReproductionReport(flags.out, results, VERSION);
    process.stderr.write(`report: ${flags.out}/index.html (${files.length} files)\n`);
  }
  if (flags.json)
    process.stdout.write(
      `${toJson({ reproductions: results.map(({ figure: _figure, ...rest }) => rest), pass, ...(interrupted && { interrupted: true, notRun: chosen.slice(results.length).map((r) => r.name) }) })}\n`,
    );
  else
    process.stdout.write(
      interrupted
        ? `INTERRUPTED: ${results.length} of ${chosen.length} run (${results.filter((r) => r.pass).length} reproduced), ${chosen.length - results.length} not run: ${chosen
            .slice(results.length)
            .map((r) => r.name)
            .join(', ')}\n`
        : `${pass ? 'PASS' : 'FAIL'}: ${results.filter((r) => r.pass).length} of ${results.length} reproduced\n`,
    );
  if (!pass) process.exitCode = 1;
  if (interrupted) process.exitCode = interruptExitCode();
}

function printResult(r: ReproductionResult): void {
  const lines = [
    `${r.pass ? 'PASS' : 'FAIL'}  ${r.name}: ${r.title} (${r.seconds.toFixed(1)} s)`,
    `      ${r.setup}`,
  ];
  for (const c of r.checks) {
    lines.push(
      `  ${c.pass ? 'ok  ' : 'FAIL'} ${c.what}: ${sixDigits(c.measured)} (${describeTarget(c)}; ${c.source})`,
    );
  }
  lines.push(`      sources: ${r.sources.join('; ')}`, '');
  process.stdout.write(`${lines.join('\n')}\n`);
}
