// The initlab command line: parse, dispatch, and turn every error into one line
// on stderr with the right exit code (2: usage, 1: failure).
import { Command, CommanderError } from 'commander';
import { isInitlabError, UsageError } from '../errors.js';
import { StopRequested } from '../stop.js';
import { interruptExitCode, stoppedJson, stopWasRequested } from './interrupt.js';
import { registerDataCommand } from './commands/data.js';
import { registerInitCommand } from './commands/init.js';
import { registerPredictCommand } from './commands/predict.js';
import { registerProbeCommands } from './commands/probe.js';
import { registerSweepCommand } from './commands/sweep.js';
import { registerServeCommand } from './commands/serve.js';
import { registerWorkerCommand } from './commands/worker.js';
import { registerReproduceCommand } from './commands/reproduce.js';
import { registerTheoryCommand } from './commands/theory.js';
import { registerTrainingCommands } from './commands/training.js';
import { VERSION } from './version.js';
import { refuseContradictions } from './conflicts.js';
import { watchStdout } from './stdout.js';
import { describeSystemError, isSystemError } from '../node/fs-errors.js';

/**
 * A message as one line: a value the user typed may hold a line break (`--out $'a\nb'`),
 * and commander puts its "(Did you mean …?)" on a line of its own. Breaks inside a message
 * become a space; the control characters of a value are shown escaped.
 */
const oneLine = (message: string): string =>
  message
    .replace(/\s*\n\s*\(/g, ' (')
    .replace(/[\r\n\t\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g, (c) => JSON.stringify(c).slice(1, -1));

function buildProgram(): Command {
  const program = new Command()
    .name('initlab')
    .description(
      'How weight initialization makes or breaks training: the Initialization notebook, numpy-exact, in TypeScript.',
    )
    .version(VERSION)
    .option('--debug', 'print stack traces on errors')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ outputError: () => {} }); // errors are printed once, below
  registerTrainingCommands(program);
  registerInitCommand(program);
  registerDataCommand(program);
  registerPredictCommand(program);
  registerProbeCommands(program);
  registerSweepCommand(program);
  registerServeCommand(program);
  registerWorkerCommand(program);
  registerTheoryCommand(program);
  registerReproduceCommand(program);
  for (const c of program.commands) {
    c.exitOverride().configureOutput({ outputError: () => {} });
    refuseContradictions(c);
  }
  return program;
}

export async function main(argv: string[]): Promise<void> {
  watchStdout(); // `initlab ... | head` ends quietly; a full disk is one named line
  const debug = argv.includes('--debug');
  try {
    const program = buildProgram();
    // with a default command, commander would read a mistyped command as an argument of `notebook`
    const first = argv[0];
    const names = [...program.commands.map((c) => c.name()), 'help'];
    // `help NAME` alike: commander would print the general help, exit 0, for a mistyped NAME
    const named =
      first === 'help' && argv[1] !== undefined && !argv[1].startsWith('-') ? argv[1] : first;
    if (named !== undefined && !named.startsWith('-') && !names.includes(named)) {
      throw new UsageError(`unknown command '${named}'; commands: ${names.join(', ')}`);
    }
    await program.parseAsync(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (
        e.code === 'commander.helpDisplayed' ||
        e.code === 'commander.version' ||
        e.code === 'commander.help'
      )
        return;
      process.stderr.write(
        `initlab: ${oneLine(e.message.replace(/^error: /, ''))} (see initlab --help)\n`,
      );
      process.exitCode = 2;
      return;
    }
    // Ctrl-C / SIGTERM before anything finished (StopRequested, or whatever a stopped step
    // threw, e.g. an interrupted orthogonal draw): one line, and the signal's exit code
    if (e instanceof StopRequested || (stopWasRequested() && !isInitlabError(e))) {
      const message = e instanceof StopRequested ? e.message : 'stopped before anything finished';
      process.stderr.write(`initlab: ${message}\n`);
      process.exitCode = interruptExitCode();
      // a program reading --json gets a document that says so, never an empty stdout
      if (argv.includes('--json'))
        process.stdout.write(`${stoppedJson(message, process.exitCode)}\n`);
      return;
    }
    if (isInitlabError(e)) {
      process.stderr.write(`initlab: ${oneLine(e.message)}\n`);
      if (debug) process.stderr.write(`${e.stack}\n`);
      process.exitCode = e.kind === 'usage' ? 2 : 1;
      return;
    }
    if (isSystemError(e)) {
      // the system refused (a full disk, no permission): a failure of the run, not a bug
      process.stderr.write(
        `initlab: ${oneLine(`${e.path ? `${e.path}: ` : ''}${e.syscall ? `${e.syscall} failed: ` : ''}${describeSystemError(e)}`)}\n`,
      );
      if (debug) process.stderr.write(`${e.stack}\n`);
      process.exitCode = 1;
      return;
    }
    const err = e as Error;
    process.stderr.write(
      `initlab: internal error: ${oneLine(err?.message ?? String(e))}${debug ? `\n${err?.stack}` : ' (run with --debug for details, and please report it)'}\n`,
    );
    process.exitCode = 1;
  }
}
