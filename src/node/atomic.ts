// Writing without leaving half-written results: files go to a temporary name in the same
// folder and are renamed over the target; a report folder is built aside and swapped in.
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { FileError } from '../errors.js';
import { describeSystemError, isSystemError } from './fs-errors.js';
import { checkOutputDir, MARKER, markerJson, type OutputKind, scratchBase } from './outputs.js';

const tmpName = (target: string, tag: string) =>
  join(dirname(target), `.${scratchBase(target)}.${tag}-${process.pid}-${Date.now().toString(36)}`);

/** Gives `fresh` the permissions of the `target` it replaces (a private 600 model or 700 folder stays private). */
function keepMode(target: string, fresh: string): void {
  let mode: number;
  try {
    mode = statSync(target).mode & 0o7777;
  } catch {
    return; // nothing replaced: the usual permissions
  }
  chmodSync(fresh, mode);
}

/** Writes `target` via a temporary file and a rename: readers see the old file or the new one, never a part. */
export function writeFileAtomic(target: string, data: string | Uint8Array): void {
  const tmp = tmpName(target, 'tmp');
  try {
    writeFileSync(tmp, data);
    keepMode(target, tmp);
    renameSync(tmp, target);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw new FileError(`cannot write ${target}: ${describeSystemError(e)}`);
  }
}

/** The longest file name most filesystems take (ext4, btrfs, xfs, tmpfs, APFS): 255 bytes. */
const NAME_MAX_BYTES = 255;

/** `text` cut to at most `bytes` bytes of UTF-8, never inside a character. */
function cutToBytes(text: string, bytes: number): string {
  let out = '';
  for (const ch of text) {
    if (Buffer.byteLength(out + ch) > bytes) break;
    out += ch;
  }
  return out;
}

/**
 * The n-th name a kept folder may take beside `target`: `NAME-kept`, `NAME-kept-2`, …, with
 * NAME cut (at a character) so that the whole stays within 255 bytes; past 9999 tries, a
 * suffix made of the process id and the time.
 */
export function keptName(target: string, n: number): string {
  const path = target.replace(/[\\/]+$/, '');
  const suffix =
    n > 9999
      ? `-kept-${process.pid}-${Date.now().toString(36)}-${n}`
      : `-kept${n > 1 ? `-${n}` : ''}`;
  const base = basename(path);
  const fitted = cutToBytes(base, NAME_MAX_BYTES - Buffer.byteLength(suffix));
  return join(dirname(path), `${fitted}${suffix}`);
}

/**
 * Renames the folder `from` to the first free `keptName(target, n)` and returns that name.
 * mkdir claims a name atomically, so a folder (or file) made there meanwhile is never
 * replaced. Throws the system error when no name can be claimed (a read-only parent).
 */
function keepAside(from: string, target: string): string {
  for (let i = 1; ; i++) {
    const name = keptName(target, i);
    try {
      mkdirSync(name);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST' && i < 10_010) continue;
      throw e;
    }
    renameSync(from, name); // replaces the empty folder just claimed
    return name;
  }
}

/** Folders a killed writer left beside `target` (its process is gone): safe to remove. */
function removeStale(target: string): void {
  const dir = dirname(target);
  const name = scratchBase(target).replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
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
export async function replaceDirAtomic(
  target: string,
  kind: OutputKind,
  fill: (dir: string) => Promise<string[]> | string[],
): Promise<string[]> {
  // checked before the work too: a refusal here means the folder changed during the run,
  // and the run's work is then built all the same and kept beside it (below)
  let blocked: unknown;
  try {
    checkOutputDir(target);
  } catch (e) {
    if (!(e instanceof FileError)) throw e;
    blocked = e;
  }
  removeStale(target);
  const tmp = tmpName(target, 'building');
  let files: string[];
  try {
    mkdirSync(dirname(resolve(target)), { recursive: true });
    mkdirSync(tmp);
    files = await fill(tmp);
    writeFileSync(join(tmp, MARKER), markerJson(kind, files));
  } catch (e) {
    rmSync(tmp, { recursive: true, force: true });
    if (blocked) throw blocked;
    if (isSystemError(e))
      throw new FileError(`cannot write the ${kind} to ${target}: ${describeSystemError(e)}`);
    throw e;
  }
  const old = tmpName(target, 'old');
  try {
    if (blocked) throw blocked;
    checkOutputDir(target); // the folder may have changed while the folder was built
  } catch (e) {
    // the run's work is not lost either: the finished folder goes beside the target, under a name of its own
    let kept: string | undefined;
    try {
      kept = keepAside(tmp, target);
    } catch {
      rmSync(tmp, { recursive: true, force: true });
    }
    if (kept && e instanceof Error)
      throw new FileError(`${e.message}; this run's ${kind} is kept in ${kept}`);
    throw e;
  }
  try {
    keepMode(target, tmp);
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
      // a hidden name would be taken for a killed writer's leftovers and removed: give it a visible one
      let kept = old;
      try {
        kept = keepAside(old, target);
      } catch {
        // left under its hidden name, which is still named in the message
      }
      throw new FileError(
        `${target} changed while it was being replaced: the new ${kind} is in ${target}, the earlier one (with the files added to it) is kept in ${kept}`,
      );
    }
    rmSync(old, { recursive: true, force: true });
  }
  return files;
}
