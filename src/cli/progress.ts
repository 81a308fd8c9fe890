// A progress bar on stderr when it is a terminal; silent otherwise (pipes, CI, --json to a file).
import { writeSync } from 'node:fs';
import cliProgress from 'cli-progress';

export interface Progress {
  start(label: string, total: number, unit?: string): void;
  update(done: number): void;
  stop(): void;
}

/**
 * The terminal's stderr written to directly: on the command's worker thread, process.stderr
 * is a pipe to the main thread that moves only when the worker's event loop turns, and a
 * bar must also move during synchronous work (a gradient check).
 */
const directStderr = () =>
  ({
    isTTY: true,
    get columns() {
      return process.stderr.columns ?? 80;
    },
    write(text: string): boolean {
      try {
        writeSync(2, text);
      } catch {
        // a closed terminal: the bar is only decoration
      }
      return true;
    },
  }) as unknown as NodeJS.WriteStream;

export function createProgress(enabled: boolean): Progress {
  if (!enabled || !process.stderr.isTTY) return { start() {}, update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: '{label} [{bar}] {percentage}% | {value}/{total} {unit} | eta {eta_formatted}',
      stream: directStderr(),
      hideCursor: true,
      clearOnComplete: true,
      fps: 10,
    },
    cliProgress.Presets.shades_classic,
  );
  return {
    start: (label, total, unit = 'it') => bar.start(total, 0, { label, unit }),
    update: (done) => bar.update(done),
    stop: () => bar.stop(),
  };
}
