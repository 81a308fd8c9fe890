// The notebook's printed cost lines, digit for digit, from the command line (test/fixtures/
// notebook_printed_costs.json: the notebook's own output, and numpy's with the C library's
// exp/log, by scripts/make_printed_costs_fixture.py).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/notebook_printed_costs.json', import.meta.url), 'utf8'),
);

/** The "Cost after iteration" lines of each run, keyed by the run's initialization. */
function printedRuns(args: string[]): Record<string, string[]> {
  const r = cli(['--no-report', ...args]);
  expect(r.status, r.stderr).toBe(0);
  const runs: Record<string, string[]> = {};
  let current = '';
  for (const line of r.stdout.split('\n')) {
    const head = /^== (\S+)/.exec(line);
    if (head) current = { zeros: 'zeros', large: 'random', He: 'he' }[head[1]] ?? head[1];
    else if (line.startsWith('Cost after iteration')) (runs[current] ??= []).push(line);
  }
  return runs;
}

const same = (a: string[], b: string[]) => a.filter((x, i) => x === b[i]).length;

describe("the notebook's printed costs, digit for digit", () => {
  it("the fixture: numpy with the C library's exp and log prints the notebook's zeros lines", () => {
    expect(fixture.numpy_libm.zeros).toEqual(fixture.notebook.zeros);
    expect(fixture.notebook.zeros).toHaveLength(15);
  });
  it("`initlab` as `npm start` runs it prints the notebook's 15 zeros lines (the default, stable loss)", () => {
    expect(printedRuns([]).zeros).toEqual(fixture.notebook.zeros);
  });
  for (const backend of ['ts', 'wasm']) {
    it(`--loss naive --backend ${backend}: the zeros run's 15 lines exactly, the He run's at least 7 of 15`, () => {
      const runs = printedRuns(['--loss', 'naive', '--backend', backend]);
      expect(runs.zeros).toEqual(fixture.notebook.zeros);
      expect(runs.he).toHaveLength(15);
      expect(same(runs.he, fixture.notebook.he), runs.he.join('\n')).toBeGreaterThanOrEqual(7);
      // the ×10 run's first cost overflows in the notebook's formula, as the notebook prints it
      expect(runs.random[0]).toBe(fixture.notebook.random[0]);
    });
  }
});
