// Errors of the operating system (a full disk, a read-only folder, a closed pipe) in words a
// person can act on, so they end as one named line and never as "internal error".

const WORDS: Record<string, string> = {
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EFBIG: 'the file is too large for the file system',
  ENOENT: 'a folder on the way does not exist',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'it is a folder',
  EEXIST: 'it already exists',
  ENOTEMPTY: 'the folder is not empty',
  EBUSY: 'it is busy (a mount point, or in use)',
  EXDEV: 'it is on another file system',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links',
  EMFILE: 'too many open files',
  ENFILE: 'too many open files in the system',
  EIO: 'input/output error',
  EBADF: 'the file descriptor is closed',
  EPIPE: 'the reader has gone (broken pipe)',
  EAGAIN: 'the resource is temporarily unavailable',
  EINVAL: 'invalid argument',
};

/** An error the system raised (it carries an errno code like "ENOSPC"). */
export const isSystemError = (e: unknown): e is NodeJS.ErrnoException =>
  e instanceof Error &&
  typeof (e as NodeJS.ErrnoException).code === 'string' &&
  /^E[A-Z0-9]+$/.test((e as NodeJS.ErrnoException).code as string);

/** "no space left on the device (ENOSPC)"; the message itself for anything else. */
export function describeSystemError(e: unknown): string {
  if (!isSystemError(e)) return e instanceof Error ? e.message : String(e);
  const code = e.code as string;
  return Object.hasOwn(WORDS, code) ? `${WORDS[code]} (${code})` : e.message;
}
