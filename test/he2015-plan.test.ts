// he2015's quick form checks the same claims as the full form, on fewer seeds: the plans cover
// the same (depth, initialization) pairs and the conclusions name the same checks.
import { describe, expect, it } from 'vitest';
import { he2015Conclude, he2015Tasks, type He2015Run } from '../src/reproduce/he2015.js';

/** A made-up run record: He converges fast, Xavier at 22 slowly, Xavier at 30 sits at ln 2. */
function fakeRun(t: ReturnType<typeof he2015Tasks>[number]): He2015Run {
  const stall = t.init === 'xavier' && t.depth === 30;
  const speed = t.init === 'he' ? 100 : 600;
  const costs = [];
  for (let i = 0; i <= t.iterations; i += 50)
    costs.push({ iteration: i, cost: stall ? Math.log(2) : 0.7 * Math.exp(-i / speed) });
  return { ...t, costs };
}

const labels = (quick: boolean) =>
  he2015Conclude({ quick, seed: 0 }, he2015Tasks({ quick, seed: 0 }).map(fakeRun)).checks.map((c) =>
    c.what.replace(/\(of \d+\)/, ''),
  );

describe('he2015 quick and full', () => {
  it('plan the same depths and initializations', () => {
    const pairs = (quick: boolean) =>
      [...new Set(he2015Tasks({ quick, seed: 0 }).map((t) => `${t.depth} ${t.init}`))].sort();
    expect(pairs(true)).toEqual(pairs(false));
    expect(pairs(true)).toEqual(['22 he', '22 xavier', '30 he', '30 xavier']);
  });
  it('check the same claims', () => {
    expect(labels(true)).toEqual(labels(false));
    expect(labels(true)).toHaveLength(5);
  });
});
