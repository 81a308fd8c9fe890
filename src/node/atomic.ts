// Writing without leaving half-written results: files go to a temporary name in the same
// folder and are renamed over the target; a report folder is built aside and swapped in.
import { existsSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { FileError } from '../errors.js';

const tmpName = (target: string, tag: string) => join(dirname(target), `.${basename(target)}.${tag}-${process.pid}-${Date.now().toString(36)}`);

/** Writes `target` via a temporary file and a rename: readers see the old file or the new one, never a part. */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  const tmp = tmpName(target, 'tmp');
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new FileError(`cannot write ${target}: ${(e as Error).message}`);
  }
}

/** Folders a killed writer left beside `target` (its process is gone): safe to remove. */
function removeStale(target: string): void {
  const dir = dirname(target);
  const name = basename(target).replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
  const prefix = new RegExp(`^\\.${name}\\.(building|old|tmp)-(\\d+)-`);
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const e of entries) {
    const m = prefix.exec(e);
    if (!m || Number(m[2]) === process.pid) continue;
    try {
      process.kill(Number(m[2]), 0); // still running: leave it
    } catch {
      rmSync(join(dir, e), { recursive: true, force: true });
    }
  }
}

/** Files that mark a folder as one initlab wrote (so replacing it loses nothing of the user's). */
const REPORT_MARKERS = ['results.json', 'index.html'];

/**
 * Builds a folder with `fill(tmpDir)` and then puts it at `target` in one step, replacing an
 * earlier report there. Refuses to replace a non-empty folder that is not an initlab report.
 */
export async function replaceDirAtomic(target: string, fill: (dir: string) => Promise<void> | void): Promise<void> {
  if (existsSync(target)) {
    if (!statSync(target).isDirectory()) throw new FileError(`${target} exists and is not a folder; choose another --out`);
    const entries = readdirSync(target);
    if (entries.length && !REPORT_MARKERS.some((m) => entries.includes(m))) {
      throw new FileError(`${target} exists and is not an initlab report; choose another --out or empty it`);
    }
  }
  removeStale(target);
  const tmp = tmpName(target, 'building');
  try {
    await fill(tmp);
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  const old = tmpName(target, 'old');
  try {
    if (existsSync(target)) renameSync(target, old);
    renameSync(tmp, target);
  } catch (e) {
    if (!existsSync(target) && existsSync(old)) renameSync(old, target); // put the old report back
    rmSync(tmp, { recursive: true, force: true });
    throw new FileError(`cannot write the report to ${target}: ${(e as Error).message}`);
  }
  rmSync(old, { recursive: true, force: true });
}
