// What a reproduction reports: its checks (target, measured, tolerance, verdict) and the
// series its figure draws (theory as lines, measurement as dots).

/**
 * One number held to its target: |measured − target| ≤ tolerance (or ≤ tolerance·|target| when
 * relative); or, with `atLeast`, measured ≥ target.
 */
export interface Check {
  what: string;
  target: number;
  measured: number;
  tolerance: number;
  relative: boolean;
  atLeast?: boolean;
  /** Where the target comes from: a paper's formula, initlab's theory module, a published figure. */
  source: string;
  pass: boolean;
}

export function check(what: string, target: number, measured: number, tolerance: number, source: string, relative = false): Check {
  const gap = Math.abs(measured - target);
  const pass = Number.isFinite(measured) && gap <= (relative ? tolerance * Math.abs(target) : tolerance);
  return { what, target, measured, tolerance, relative, source, pass };
}

/** A number with six significant digits (Infinity and NaN as words). */
export const sixDigits = (x: number) => (Number.isFinite(x) ? String(Number(x.toPrecision(6))) : String(x));

/** What a check holds its measurement to, in words: "target 1 ± 0.05 relative" or "at least 1.5". */
export const describeTarget = (c: Check) =>
  c.atLeast ? `at least ${sixDigits(c.target)}` : `target ${sixDigits(c.target)} ± ${sixDigits(c.tolerance)}${c.relative ? ' relative' : ''}`;

/** measured ≥ minimum (a count of seeds, a speed-up). */
export function checkAtLeast(what: string, minimum: number, measured: number, source: string): Check {
  return { what, target: minimum, measured, tolerance: 0, relative: false, atLeast: true, source, pass: measured >= minimum };
}

/** A point of the figure: `kind` theory is drawn as a line, measured as dots. */
export interface SeriesPoint {
  series: string;
  kind: 'theory' | 'measured';
  x: number;
  y: number;
}

export interface Figure {
  x: string;
  y: string;
  logY?: boolean;
  points: SeriesPoint[];
}

export interface ReproductionResult {
  name: string;
  title: string;
  claim: string;
  sources: string[];
  /** The short version (npm test's) or the full size. */
  quick: boolean;
  setup: string;
  checks: Check[];
  pass: boolean;
  seconds: number;
  figure: Figure;
}

export interface Reproduction {
  name: string;
  title: string;
  claim: string;
  sources: string[];
  run(o: { quick: boolean; seed: number }): Omit<ReproductionResult, 'name' | 'title' | 'claim' | 'sources' | 'quick' | 'pass' | 'seconds'>;
  /**
   * The same experiment as independent tasks, for a pool of threads: `run(o)` equals
   * `conclude(o, tasks(o).map(runTask))`, whatever order the tasks finish in. Tasks and
   * their results are plain data (they cross to worker threads).
   */
  split?: {
    tasks(o: { quick: boolean; seed: number }): unknown[];
    runTask(task: unknown): unknown;
    conclude(o: { quick: boolean; seed: number }, done: unknown[]): ReturnType<Reproduction['run']>;
  };
}
