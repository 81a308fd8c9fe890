// The published results initlab reproduces, by name (`initlab reproduce NAME`).
import { glorot2010 } from './glorot2010.js';
import { hanin2018 } from './hanin2018.js';
import { he2015 } from './he2015.js';
import { klambauer2017 } from './klambauer2017.js';
import { pennington2017 } from './pennington2017.js';
import type { Reproduction, ReproductionResult } from './result.js';
import { schoenholz2017 } from './schoenholz2017.js';

/** Every reproduction, in `initlab reproduce --list` order. */
export const reproductions: readonly Reproduction[] = [
  schoenholz2017,
  he2015,
  glorot2010,
  klambauer2017,
  hanin2018,
  pennington2017,
];

/** Runs one reproduction and gives its verdict (every check passes). */
export function runReproduction(
  r: Reproduction,
  o: { quick: boolean; seed: number },
): ReproductionResult {
  const t0 = performance.now();
  return reproductionResult(r, o, r.run(o), (performance.now() - t0) / 1000);
}

/** A reproduction's result from its checks and figure (however they were computed) and the seconds they took. */
export function reproductionResult(
  r: Reproduction,
  o: { quick: boolean; seed: number },
  body: ReturnType<Reproduction['run']>,
  seconds: number,
): ReproductionResult {
  return {
    name: r.name,
    title: r.title,
    claim: r.claim,
    sources: r.sources,
    quick: o.quick,
    ...body,
    pass: body.checks.every((c) => c.pass),
    seconds,
  };
}
