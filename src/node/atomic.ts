// Writing without leaving half-written results: files go to a temporary name in the same
// folder and are renamed over the target; a report folder is built aside and swapped in.
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { FileError } from '../errors.js';
import { describeSystemError, isSystemError } from './fs-errors.js';
import { checkOutputDir, MARKER, markerJson, type OutputKind } from './outputs.js';

const tmpName = (target: string, tag: string) => join(dirname(target), `.${basename(target)}.${tag}-${process.pid}-${Date.now().toString(36)}`);

/** Writes `target` via a temporary file and a rename: readers see the old file or the new one, never a part. */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  const tmp = tmpName(target, 'tmp');
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new FileError(`cannot write ${target}: ${describeSystemError(e)}`);
  }
}

/** Folders a killed writer left beside `target` (its process is gone): safe to remove. */
function removeStale(target: string): void {
  const dir = dirname(target);
  const name = basename(target).replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
  const prefix = new RegExp(`^\\.${name}\\.(building|old|tmp|probe)-(\\d+)-`);
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
    } catch (err) {
      // EPERM: the process lives, under another user; only ESRCH says it is gone
      if ((err as NodeJS.ErrnoException).code !== 'ESRCH') continue;
      try {
        rmSync(join(dir, e), { recursive: true, force: true });
      } catch {
        // another user's leftovers, or a read-only folder: not ours to fail on
      }
    }
  }
}

/**
 * Builds a folder with `fill(tmpDir)` (which returns the names of the files it wrote) and
 * then puts it at `target` in one step, replacing an earlier initlab folder there. The
 * folder gets a marker listing those files (outputs.ts), the only sign by which a later
 * run will replace it. `target` is checked again just before the swap: anything the user
 * put there meanwhile makes the write fail (FileError) rather than be deleted.
 */
export async function replaceDirAtomic(target: string, kind: OutputKind, fill: (dir: string) => Promise<string[]> | string[]): Promise<string[]> {
  checkOutputDir(target);
  removeStale(target);
  mkdirSync(dirname(resolve(target)), { recursive: true });
  const tmp = tmpName(target, 'building');
  let files: string[];
  try {
    mkdirSync(tmp);
    files = await fill(tmp);
    writeFileSync(join(tmp, MARKER), markerJson(kind, files));
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (isSystemError(e)) throw new FileError(`cannot write the ${kind} to ${target}: ${describeSystemError(e)}`);
    throw e;
  }
  const old = tmpName(target, 'old');
  try {
    checkOutputDir(target); // the folder may have changed during the run
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    throw e;
  }
  try {
    if (existsSync(target)) renameSync(target, old);
    renameSync(tmp, target);
  } catch (e) {
    if (!existsSync(target) && existsSync(old)) renameSync(old, target); // put the old report back
    rmSync(tmp, { recursive: true, force: true });
    throw new FileError(`cannot write the ${kind} to ${target}: ${describeSystemError(e)}`);
  }
  // a file the user dropped in between the check and the rename moved aside with the old
  // folder: delete the old folder only when it still holds nothing but initlab's files
  if (existsSync(old)) {
    try {
      checkOutputDir(old);
    } catch {
      throw new FileError(`${target} changed while it was being replaced: the new ${kind} is in ${target}, the earlier one (with the files added to it) is kept in ${old}`);
    }
    rmSync(old, { recursive: true, force: true });
  }
  return files;
}
