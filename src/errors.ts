// Typed errors a person can hit. The CLI prints `message` as one line and maps
// the kind to an exit code (usage → 2, everything else → 1).

export type InitlabErrorKind = 'usage' | 'data' | 'file' | 'queue';

export class InitlabError extends Error {
  readonly kind: InitlabErrorKind;
  constructor(kind: InitlabErrorKind, message: string) {
    super(message);
    this.kind = kind;
    this.name = `${kind[0].toUpperCase()}${kind.slice(1)}Error`;
  }
}

/** A flag, spec or argument that is not accepted; says what is. */
export class UsageError extends InitlabError {
  constructor(message: string) { super('usage', message); }
}

/** Data that cannot be used as given (shapes, labels, values). */
export class DataError extends InitlabError {
  constructor(message: string) { super('data', message); }
}

/** A file that cannot be read or written. */
export class FileError extends InitlabError {
  constructor(message: string) { super('file', message); }
}

/** The sweep queue's Redis cannot be reached or refuses us (down, wrong password, not Redis). */
export class QueueError extends InitlabError {
  constructor(message: string) { super('queue', message); }
}

export const isInitlabError = (e: unknown): e is InitlabError => e instanceof InitlabError;
