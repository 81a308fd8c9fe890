// What the initializations of a run add to its cost, for the limits checked before the work
// (src/limits.ts): LSUV's rounds, else orthogonal's QR, else the first one's plain draws.
import { checkLsuvRounds } from '../limits.js';
import { resolveInitializer } from '../nn/initializers.js';

/** The most LSUV rounds among `inits` (each checked against its limit) and the costliest initializer's name. */
export function initCostOf(
  inits: readonly string[],
  scale: number | undefined,
): { init: string; lsuvRounds: number } {
  let lsuvRounds = 0;
  const names: string[] = [];
  for (const spec of inits) {
    const r = resolveInitializer(spec, { scale });
    names.push(r.init.name);
    if (r.init.needsData) {
      checkLsuvRounds(r.opts['max-iter'] as number);
      lsuvRounds = Math.max(lsuvRounds, r.opts['max-iter'] as number);
    }
  }
  return {
    init: lsuvRounds ? 'lsuv' : (names.find((n) => n === 'orthogonal') ?? inits[0]),
    lsuvRounds,
  };
}
