// The web lab's mini-batches at every seed its seed field accepts (0 … 2^32 − 1), in Chromium:
// epoch e is shuffled with RandomState((seed + e) mod 2^32), as in the CLI (src/rng/seed-after.ts),
// so a run near the top seed ends like any other instead of stopping mid-run with a DataError.
// Expected: the CLI's accuracies for the same run, whose costs test/shuffle-seed.test.ts holds
// to numpy's (scripts/make_shuffle_seed_fixture.py).
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { percent as pct } from '../src/format.js';
import { MAX_SEED } from '../src/rng/random-state.js';
import { cli } from './helpers.js';
import { accuracyLines, playLab, useServedLab } from './helpers/served-lab.js';

const lab = useServedLab();
const DATA = 'moons:n=300,noise=0.2,seed=3';

/** 30 updates of 64 examples from 300: 6 epochs, so a run from the top seeds crosses 2^32 − 1. */
const labQuery = (seed: number) =>
  `?view=lab&data=${encodeURIComponent(DATA)}&hidden=5,2&inits=he&opt=gd&lr=0.05&bs=64&it=30&seed=${seed}`;

describe('web lab: mini-batches at every seed', () => {
  for (const seed of [0, 7, 2 ** 31 - 1, MAX_SEED - 3, MAX_SEED]) {
    it(`seed ${seed}: the run ends with the CLI's accuracies, no error`, async () => {
      const page: Page = lab.watch(
        await lab.browser.newPage({ viewport: { width: 1400, height: 1000 } }),
      );
      await page.goto(`${lab.base}${labQuery(seed)}`);
      expect(await page.inputValue('#f-seed')).toBe(String(seed));
      await playLab(page);
      expect(await page.isVisible('#run-error')).toBe(false);
      const [line] = await accuracyLines(page);
      const cliRun = cli([
        'train',
        '--init',
        'he',
        '--seed',
        String(seed),
        '--train',
        DATA,
        '--layers',
        '2,5,2,1',
        '--lr',
        '0.05',
        '--batch-size',
        '64',
        '--iterations',
        '30',
        '--json',
        '--no-report',
        '--quiet',
      ]);
      expect(cliRun.status, cliRun.stderr).toBe(0);
      const run = JSON.parse(cliRun.stdout).runs[0];
      expect(line).toContain(
        `train accuracy ${pct(run.trainAccuracy)}, test accuracy ${pct(run.testAccuracy)}`,
      );
      await page.close();
    }, 90_000);
  }

  it('no page errors', () => {
    expect(lab.problems).toEqual([]);
  });
});
