// Small helpers every view shares: element lookup and the wording of run results.
import { percent } from '../../../src/format.js';
import type { RunUpdate } from '../job.js';

export const $ = <T extends HTMLElement = HTMLElement>(id: string) =>
  document.getElementById(id) as T;

/** A fraction as a percentage with one decimal (the CLI's tables' `percent`). */
export const pct = percent;

/** A test accuracy, or words when there is no test set (never a number). */
export const testText = (x: number | null) =>
  x === null ? 'no test set' : `test accuracy ${pct(x)}`;

/** What a finished run that diverged says, wherever its numbers are shown. */
export const divergedText = (u: RunUpdate) =>
  `diverged at iteration ${u.divergedAt}: its cost or weights stopped being finite numbers; lower the learning rate or choose a smaller initialization`;

/** What bench/web.mjs reads on the page: when the worker's last update arrived, and the lab's workers' throughput. */
export interface BenchHooks {
  trainedAt?: number;
  throughput?: () => Promise<{ iterations: number; ms: number }>;
  engineSeconds?: () => Promise<number>;
}

export const benchHooks = (): BenchHooks =>
  ((window as unknown as { initlab?: BenchHooks }).initlab ??= {});

/** Marks when a run's last update arrived (training over; the final drawing follows). */
export const markTrained = () => {
  benchHooks().trainedAt = performance.now();
};
