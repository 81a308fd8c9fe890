// The web lab's job held to the command line's limits (src/limits.ts): kept apart from that
// module because it resolves initializer specs, and the initializer registry reads LIMITS.
import { checkLsuvRounds, checkTraining } from './limits.js';
import { resolveInitializer } from './nn/initializers.js';
import { maxOf } from './extent.js';

/** The web lab's run: every initializer trains side by side on the same data. */
export function checkLabRun(p: {
  hidden: readonly number[];
  features: number;
  m: number;
  mTest: number;
  inits: string[];
  iterations: number;
  batchSize: number;
  optimizer: string;
}): void {
  const dims = [p.features, ...p.hidden, 1];
  const resolved = p.inits.map((i) => resolveInitializer(i));
  const lsuvRounds = Math.max(
    0,
    maxOf(resolved.filter((r) => r.init.needsData).map((r) => r.opts['max-iter'] as number)),
  );
  if (lsuvRounds) checkLsuvRounds(lsuvRounds);
  const orthogonal = lsuvRounds
    ? 'lsuv'
    : resolved.map((r) => r.init.name).find((n) => n === 'orthogonal');
  // the lab records the cost about 300 times and the diagnostics about 50 times per run, whatever the iterations
  checkTraining({
    dims,
    m: p.m,
    mTest: p.mTest,
    batchSize: p.batchSize,
    optimizer: p.optimizer.split(':')[0].trim(),
    iterations: p.iterations,
    printEvery: Math.max(1, Math.floor(p.iterations / 300)),
    diagnosticsEvery: Math.max(1, Math.floor(p.iterations / 50)),
    init: orthogonal ?? p.inits[0],
    lsuvRounds,
    runs: p.inits.length,
    backend: 'wasm',
    what: `${p.hidden.length <= 6 ? `hidden layers ${p.hidden.join(',') || '(none)'}` : `${p.hidden.length} hidden layers of up to ${maxOf(p.hidden)} units`} with ${p.inits.length} initializer${p.inits.length === 1 ? '' : 's'}`,
  });
}
