// What every refusal of the CLI must look like (common rule of the project): the given exit
// code and exactly one line on stderr that says what to do, with no stack trace and never
// "internal error".
import { expect } from 'vitest';

/** A finished process as spawnSync / execFile report it (stdout only where it is checked). */
export interface Finished {
  status: number | null;
  stderr: string;
  stdout?: string;
}

/**
 * Asserts exit `code` and one stderr line matching `message` (a single trailing newline is
 * allowed); with `quietStdout`, stdout must be empty too. Throws vitest's assertion error.
 */
export function expectOneLine(
  r: Finished,
  code: number,
  message: RegExp,
  { quietStdout = false } = {},
): void {
  expect(r.status, r.stderr).toBe(code);
  const lines = r.stderr.replace(/\n$/, '').split('\n');
  expect(lines, r.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(message);
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  if (quietStdout) expect(r.stdout).toBe('');
}
