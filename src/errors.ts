// Typed errors a person can hit. The CLI prints `message` as one line and maps
// the kind to an exit code (usage → 2, everything else → 1).

/** What went wrong: `usage` (a flag, spec or argument; the CLI exits 2), `data`, `file` or `queue` (exit 1). */
export type InitlabErrorKind = 'usage' | 'data' | 'file' | 'queue';

/** An error a person can fix, with a one-line `message` that says how; the base of UsageError, DataError and FileError. */
export class InitlabError extends Error {
  /** Which kind of mistake: decides the CLI's exit code (usage → 2, else 1). */
  readonly kind: InitlabErrorKind;
  constructor(kind: InitlabErrorKind, message: string) {
    super(message);
    this.kind = kind;
    this.name = `${kind[0].toUpperCase()}${kind.slice(1)}Error`;
  }
}

/** A flag, spec or argument that is not accepted; says what is. */
export class UsageError extends InitlabError {
  constructor(message: string) {
    super('usage', message);
  }
}

/** Data that cannot be used as given (shapes, labels, values). */
export class DataError extends InitlabError {
  constructor(message: string) {
    super('data', message);
  }
}

/** A file that cannot be read or written. */
export class FileError extends InitlabError {
  constructor(message: string) {
    super('file', message);
  }
}

/** The sweep queue's Redis cannot be reached or refuses us (down, wrong password, not Redis). */
export class QueueError extends InitlabError {
  constructor(message: string) {
    super('queue', message);
  }
}

/** True for an InitlabError (a person's mistake, printed as one line) rather than a bug. */
export const isInitlabError = (e: unknown): e is InitlabError => e instanceof InitlabError;
