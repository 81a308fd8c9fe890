// What a reproduction reports: its checks (target, measured, tolerance, verdict) and the
// series its figure draws (theory as lines, measurement as dots).

/**
 * One number held to its target: |measured − target| ≤ tolerance (or ≤ tolerance·|target| when
 * relative); or, with `atLeast`, measured ≥ target.
 */
export interface Check {
  /** What is measured, in words. */
  what: string;
  /** The value it should have (a minimum, with `atLeast`). */
  target: number;
  /** The value measured. */
  measured: number;
  /** The largest gap allowed (absolute, or relative to |target|). */
  tolerance: number;
  /** Whether `tolerance` is relative to |target|. */
  relative: boolean;
  /** True: the check is measured ≥ target, and `tolerance` is unused. */
  atLeast?: boolean;
  /** Where the target comes from: a paper's formula, initlab's theory module, a published figure. */
  source: string;
  /** Whether the measurement holds. */
  pass: boolean;
}

export function check(
  what: string,
  target: number,
  measured: number,
  tolerance: number,
  source: string,
  relative = false,
): Check {
  const gap = Math.abs(measured - target);
  const pass =
    Number.isFinite(measured) && gap <= (relative ? tolerance * Math.abs(target) : tolerance);
  return { what, target, measured, tolerance, relative, source, pass };
}

/** A number with six significant digits (Infinity and NaN as words). */
export const sixDigits = (x: number) =>
  Number.isFinite(x) ? String(Number(x.toPrecision(6))) : String(x);

/** What a check holds its measurement to, in words: "target 1 ± 0.05 relative" or "at least 1.5". */
export const describeTarget = (c: Check) =>
  c.atLeast
    ? `at least ${sixDigits(c.target)}`
    : `target ${sixDigits(c.target)} ± ${sixDigits(c.tolerance)}${c.relative ? ' relative' : ''}`;

/** measured ≥ minimum (a count of seeds, a speed-up). */
export function checkAtLeast(
  what: string,
  minimum: number,
  measured: number,
  source: string,
): Check {
  return {
    what,
    target: minimum,
    measured,
    tolerance: 0,
    relative: false,
    atLeast: true,
    source,
    pass: measured >= minimum,
  };
}

/** A point of the figure: `kind` theory is drawn as a line, measured as dots. */
export interface SeriesPoint {
  /** The series' name in the legend. */
  series: string;
  /** Theory (a line) or measurement (dots). */
  kind: 'theory' | 'measured';
  /** Horizontal position (in the figure's `x` units). */
  x: number;
  /** Vertical position (in the figure's `y` units). */
  y: number;
}

/** A reproduction's figure: theory as lines, measurements as dots. */
export interface Figure {
  /** The horizontal axis' label. */
  x: string;
  /** The vertical axis' label. */
  y: string;
  /** A logarithmic vertical axis. */
  logY?: boolean;
  /** Every point of every series. */
  points: SeriesPoint[];
}

/** A reproduction's run: its checks, verdict and figure. */
export interface ReproductionResult {
  /** The reproduction's name (`initlab reproduce NAME`). */
  name: string;
  /** Its title, for the report. */
  title: string;
  /** The published claim, in one sentence. */
  claim: string;
  /** The papers and equations the targets come from. */
  sources: string[];
  /** The short version (npm test's) or the full size. */
  quick: boolean;
  /** The experiment as run: widths, depths, seeds, data. */
  setup: string;
  /** Every check, in order. */
  checks: Check[];
  /** True when every check passes. */
  pass: boolean;
  /** Wall-clock time of the run, in seconds. */
  seconds: number;
  /** The figure's series. */
  figure: Figure;
}

/** A published result run as a seeded experiment and checked. */
export interface Reproduction {
  /** Its name (`initlab reproduce NAME`). */
  name: string;
  /** Its title, for the report. */
  title: string;
  /** The published claim, in one sentence. */
  claim: string;
  /** The papers and equations the targets come from. */
  sources: string[];
  /** Runs the experiment (`quick`: the short version `npm test` runs) from `seed`. */
  run(o: {
    quick: boolean;
    seed: number;
  }): Omit<
    ReproductionResult,
    'name' | 'title' | 'claim' | 'sources' | 'quick' | 'pass' | 'seconds'
  >;
  /**
   * The same experiment as independent tasks, for a pool of threads: `run(o)` equals
   * `conclude(o, tasks(o).map(runTask))`, whatever order the tasks finish in. Tasks and
   * their results are plain data (they cross to worker threads).
   */
  split?: {
    /** The independent pieces of work (plain data), for the size and seed asked. */
    tasks(o: { quick: boolean; seed: number }): unknown[];
    /** Runs one piece (on any thread); returns its plain-data result. */
    runTask(task: unknown): unknown;
    /** The verdict from every piece's result, in the order of `tasks`. */
    conclude(o: { quick: boolean; seed: number }, done: unknown[]): ReturnType<Reproduction['run']>;
  };
}
