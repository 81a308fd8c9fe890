// What initlab may replace, checked before any work. initlab replaces only what it wrote
// itself: a report or sweep folder carries a marker file listing the files initlab put
// there, and a saved model carries "format": "initlab-model". Everything else belongs to
// the user: it is refused, never deleted or overwritten. The same checks run again just
// before the swap, so a file added during a long run is still kept.
import {
  accessSync,
  constants,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createHash } from 'node:crypto';
import { basename, dirname, join, parse, resolve, sep } from 'node:path';
import { FileError, UsageError } from '../errors.js';
import { MODEL_FORMAT } from '../nn/model-format.js';
import { describeSystemError } from './fs-errors.js';

/** The marker of an initlab output folder: written last into the folder being built. */
export const MARKER = '.initlab-report.json';
/** Version of the marker's layout; a folder marked by a newer initlab is not replaced. */
export const MARKER_VERSION = 1;

export type OutputKind = 'report' | 'sweep';

/** The marker's contents: `files` names every entry initlab wrote into the folder (not the marker). */
export interface ReportMarker {
  tool: 'initlab';
  kind: OutputKind;
  formatVersion: number;
  files: string[];
}

/** Litter that file browsers add when a folder is opened; replacing it loses nothing. */
const BROWSER_LITTER = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini']);

/** Models above this size are not read to check whether they are initlab's: such a file is not a model initlab wrote. */
const MAX_MODEL_CHECK_BYTES = 512 * 1024 * 1024;

export const markerJson = (kind: OutputKind, files: string[]): string =>
  `${JSON.stringify({ tool: 'initlab', kind, formatVersion: MARKER_VERSION, files: [...files].sort() } satisfies ReportMarker, null, 1)}\n`;

const isName = (s: unknown): s is string =>
  typeof s === 'string' && s !== '' && s !== '.' && s !== '..' && !/[\\/\0]/.test(s);

/** The folder's marker, or null when it has none or one initlab cannot have written. */
export function readMarker(dir: string): ReportMarker | null {
  let doc: unknown;
  try {
    if (!lstatSync(join(dir, MARKER)).isFile()) return null;
    doc = JSON.parse(readFileSync(join(dir, MARKER), 'utf8'));
  } catch {
    return null;
  }
  if (typeof doc !== 'object' || doc === null) return null;
  const m = doc as Record<string, unknown>;
  const ok =
    m.tool === 'initlab' &&
    (m.kind === 'report' || m.kind === 'sweep') &&
    Number.isInteger(m.formatVersion) &&
    (m.formatVersion as number) >= 1 &&
    Array.isArray(m.files) &&
    m.files.every(isName);
  return ok ? (m as unknown as ReportMarker) : null;
}

const list = (names: string[]) =>
  names.length > 3
    ? `${names.slice(0, 3).join(', ')} and ${names.length - 3} more`
    : names.join(', ');

/**
 * The part of `target`'s name that initlab's scratch entries beside it carry (`.NAME.building-…`):
 * the name itself, or for a long one (a file name may have 255 bytes, the scratch name needs
 * ~40 more) its start and a hash, so that a legal --out or --save name is never refused.
 */
export function scratchBase(target: string): string {
  const name = basename(target);
  if (Buffer.byteLength(name) <= 150) return name;
  return `${name.slice(0, 40)}~${createHash('sha256').update(name).digest('hex').slice(0, 16)}`;
}

/** Creates and removes a scratch entry in `dir`: the one sure test that writing there works (permissions, a read-only or full disk). */
function probeWritable(dir: string, target: string, flag: string, asFile: boolean): void {
  const probe = join(
    dir,
    `.${scratchBase(target)}.probe-${process.pid}-${Date.now().toString(36)}`,
  );
  try {
    if (asFile) writeFileSync(probe, '');
    else mkdirSync(probe);
  } catch (e) {
    throw new FileError(`${flag} ${target}: cannot write in ${dir}: ${describeSystemError(e)}`);
  } finally {
    try {
      if (asFile) rmSync(probe, { force: true });
      else rmdirSync(probe);
    } catch {
      // it was never made
    }
  }
}

/** The nearest folder above `path` that exists (missing folders in between are created when writing). */
function existingAncestor(path: string, flag: string, given: string): string {
  let dir = dirname(path);
  for (;;) {
    try {
      if (statSync(dir).isDirectory()) return dir;
      throw new FileError(`${flag} ${given}: ${dir} is a file, not a folder`);
    } catch (e) {
      if (e instanceof FileError) throw e;
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
        throw new FileError(`${flag} ${given}: cannot use ${dir}: ${describeSystemError(e)}`);
    }
    const up = dirname(dir);
    if (up === dir) return dir;
    dir = up;
  }
}

/** `path` with its existing part's symbolic links resolved, to compare two paths by where they lead. */
function canonical(path: string): string {
  const full = resolve(path);
  let head = full;
  for (;;) {
    try {
      const real = realpathSync(head);
      return full === head
        ? real
        : join(real, full.slice(head.length + (head.endsWith(sep) ? 0 : 1)));
    } catch {
      const up = dirname(head);
      if (up === head) return full;
      head = up;
    }
  }
}

const nonEmpty = (value: string, flag: string, example: string): void => {
  if (value.trim() === '')
    throw new UsageError(`${flag} is empty; give a name, like ${flag} ${example}`);
  // "-" means standard output to most tools; a file or folder named "-" would be a surprise
  if (value.trim() === '-')
    throw new UsageError(
      `${flag} - would be a ${flag === '--save' ? 'file' : 'folder'} named "-" (initlab writes no ${flag === '--save' ? 'model' : 'report'} to standard output); give a name, like ${flag} ${example}, or ./- for that name`,
    );
};

/**
 * Checks that the output folder `dir` can be written and replaced as a whole: it does not
 * exist, is empty, or holds only what an earlier initlab run wrote there (per its marker).
 * Throws UsageError for a name that cannot be an output folder ('' , /, the current folder),
 * FileError for what is on disk (a file in the way, a folder of the user's, no permission).
 */
export function checkOutputDir(dir: string, flag = '--out'): void {
  nonEmpty(dir, flag, 'initlab-report');
  const full = resolve(dir);
  if (parse(full).root === full)
    throw new UsageError(
      `${flag} ${dir} is the root folder; give a folder of its own, like ${flag} initlab-report`,
    );
  const cwd = process.cwd();
  if (cwd === full || cwd.startsWith(full + sep))
    throw new UsageError(
      `${flag} ${dir} holds the current folder, and initlab replaces its output folder as a whole; give a new folder, like ${flag} initlab-report`,
    );
  let st;
  try {
    st = lstatSync(full);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new FileError(`${flag} ${dir}: ${describeSystemError(e)}`);
    probeWritable(existingAncestor(full, flag, dir), dir, flag, false);
    return;
  }
  if (st.isSymbolicLink())
    throw new FileError(
      `${dir} is a symbolic link; initlab replaces its output folder as a whole, so give the real folder or another ${flag}`,
    );
  if (!st.isDirectory())
    throw new FileError(`${dir} exists and is not a folder; choose another ${flag}`);
  if (isMountPoint(full, st.dev))
    throw new FileError(
      `${dir} is a mount point, which cannot be replaced as a whole; give a folder inside it, like ${flag} ${join(dir, 'initlab-report')}`,
    );
  let entries: string[];
  try {
    entries = readdirSync(full);
  } catch (e) {
    throw new FileError(`${flag} ${dir}: cannot read the folder: ${describeSystemError(e)}`);
  }
  if (entries.length) {
    const marker = readMarker(full);
    if (!marker)
      throw new FileError(
        `${dir} is not an initlab report; choose another ${flag} or remove the folder yourself (it holds files initlab did not write, and no ${MARKER})`,
      );
    if (marker.formatVersion > MARKER_VERSION)
      throw new FileError(
        `${dir} was written by a newer initlab (output format ${marker.formatVersion}, this one writes ${MARKER_VERSION}); choose another ${flag}`,
      );
    const ours = new Set([...marker.files, MARKER]);
    // initlab writes plain files only: a listed name that is now a folder or a link was made by the user
    const plainFile = (e: string) => {
      try {
        return lstatSync(join(full, e)).isFile();
      } catch {
        return false;
      }
    };
    const theirs = entries
      .filter((e) => !((ours.has(e) && plainFile(e)) || BROWSER_LITTER.has(e)))
      .sort();
    if (theirs.length) {
      throw new FileError(
        `${dir} is an initlab ${marker.kind} but also holds ${list(theirs)}, which initlab did not write; move ${theirs.length > 1 ? 'them' : 'it'} out or choose another ${flag}`,
      );
    }
  }
  probeWritable(dirname(full), dir, flag, false);
  checkReplaceable(full, st, flag, dir);
}

/**
 * Can this process replace the existing entry `full` (stat `st`)? Not if it is write-protected
 * (no write bit: the user's "keep this"). And a writable parent is not enough: in a sticky folder such as /tmp only the entry's owner (or the folder's, or root)
 * may rename it, and an old folder can be removed only if its own files can be deleted.
 * Throws FileError naming the reason, before any work.
 */
function checkReplaceable(
  full: string,
  st: { uid: number; mode: number; isDirectory(): boolean },
  flag: string,
  given: string,
): void {
  // write-protected by its owner (chmod a-w): root could replace it, but the protection says not to
  if ((st.mode & 0o222) === 0) {
    throw new FileError(
      `${flag} ${given} is write-protected (mode ${(st.mode & 0o7777).toString(8)}); initlab does not replace it: make it writable (chmod u+w) or choose another ${flag}`,
    );
  }
  const uid = process.getuid?.();
  if (uid === undefined || uid === 0) return;
  let parent;
  try {
    parent = statSync(dirname(full));
  } catch {
    return; // reported by the write probe
  }
  if ((parent.mode & 0o1000) !== 0 && st.uid !== uid && parent.uid !== uid) {
    throw new FileError(
      `${flag} ${given} belongs to another user, in a folder where only an entry's owner may replace it (sticky, like /tmp); choose another ${flag}`,
    );
  }
  if (st.isDirectory()) {
    try {
      accessSync(full, constants.W_OK | constants.X_OK);
    } catch (e) {
      throw new FileError(
        `${flag} ${given}: cannot replace the folder, its files cannot be removed: ${describeSystemError(e)}`,
      );
    }
  }
}

/** Is the folder on another device than its parent (a mounted disk, which rename cannot move)? */
function isMountPoint(full: string, dev: number): boolean {
  try {
    return statSync(dirname(full)).dev !== dev;
  } catch {
    return false;
  }
}

/** Is the file at `path` a model initlab saved? (read only to look for its format tag) */
function isInitlabModel(path: string, size: number): boolean {
  if (size > MAX_MODEL_CHECK_BYTES) return false;
  try {
    const doc = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return (
      typeof doc === 'object' &&
      doc !== null &&
      (doc as { format?: unknown }).format === MODEL_FORMAT
    );
  } catch {
    return false;
  }
}

/**
 * Checks that a model can be saved at `file`: its folder exists and is writable, and the
 * file is absent or a model initlab saved (which is then replaced atomically). Throws
 * UsageError for a name that cannot be a file ('', a trailing /), FileError for the disk.
 */
export function checkModelPath(file: string, flag = '--save'): void {
  nonEmpty(file, flag, 'model.json');
  const full = resolve(file);
  if (/[\\/]$/.test(file) || parse(full).root === full)
    throw new UsageError(
      `${flag} ${file} names a folder; give a file name, like ${flag} model.json`,
    );
  let st;
  try {
    st = lstatSync(full);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT')
      throw new FileError(`${flag} ${file}: ${describeSystemError(e)}`);
  }
  if (st) {
    if (st.isDirectory())
      throw new FileError(
        `${flag} ${file} is a folder; give a file name, like ${flag} ${join(file, 'model.json')}`,
      );
    if (st.isSymbolicLink())
      throw new FileError(`${flag} ${file} is a symbolic link; give the real file or another name`);
    if (!st.isFile())
      throw new FileError(
        `${flag} ${file} exists and is not a regular file; choose another ${flag}`,
      );
    if (!isInitlabModel(full, st.size))
      throw new FileError(
        `${file} exists and is not an initlab model; initlab overwrites only its own models: choose another ${flag} or remove the file yourself`,
      );
    checkReplaceable(full, st, flag, file);
  }
  const parent = dirname(full);
  try {
    if (!statSync(parent).isDirectory())
      throw new FileError(`${flag} ${file}: ${dirname(file)} is a file, not a folder`);
  } catch (e) {
    if (e instanceof FileError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    throw new FileError(
      code === 'ENOENT'
        ? `${flag} ${file}: the folder ${dirname(file)} does not exist; create it first`
        : `${flag} ${file}: ${describeSystemError(e)}`,
    );
  }
  probeWritable(parent, file, flag, true);
}

/** Refuses a model path inside the report folder: the report replaces that folder as a whole, so the model would be lost. */
export function checkSaveOutsideOut(save: string, out: string): void {
  const s = canonical(save);
  const o = canonical(out);
  if (s === o || s.startsWith(o + sep)) {
    throw new UsageError(
      `--save ${save} is inside the report folder --out ${out}, which each run replaces as a whole; save the model outside it (or add --no-report)`,
    );
  }
}
