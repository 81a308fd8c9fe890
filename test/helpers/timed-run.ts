// initlab in a real process, waited for, with how long it took: for the checks that a refusal
// comes before the work (a run that started its work would take minutes, not a second).
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { BIN } from '../helpers.js';

/** What a finished run printed, its exit status and its wall time in ms. */
export interface TimedRun {
  status: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** Runs `initlab args` in `cwd` (killed after 60 s), with `extra` spawn options such as uid/gid. */
export function runTimed(args: string[], cwd: string, extra: SpawnSyncOptions = {}): TimedRun {
  const t = Date.now();
  const r = spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    cwd,
    maxBuffer: 1 << 26,
    timeout: 60_000,
    ...extra,
  });
  return {
    status: r.status,
    stdout: String(r.stdout ?? ''),
    stderr: String(r.stderr ?? ''),
    ms: Date.now() - t,
  };
}
