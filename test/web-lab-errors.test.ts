// The web lab in Chromium (as test/web.test.ts): the test set follows the data, a
// run that diverges says so, a refused link is said above whichever view is shown, every
// refused field keeps its own message, and too many points are refused before any is drawn.
import { inLabWords } from '../web/src/doctor-words.js';
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { percent as pct } from '../src/format.js';
import { cli } from './helpers.js';
import { accuracyLines, dropCsv, playLab, useServedLab } from './helpers/served-lab.js';

const fixture = JSON.parse(
  readFileSync(new URL('./fixtures/test_set_reference.json', import.meta.url), 'utf8'),
);
const lab = useServedLab();

async function open(query = ''): Promise<Page> {
  const page = lab.watch(await lab.browser.newPage({ viewport: { width: 1400, height: 1000 } }));
  await page.goto(`${lab.base}${query}`);
  return page;
}

/** Plays the lab's runs to the end; their accuracy lines. */
async function labRun(page: Page): Promise<string[]> {
  await playLab(page);
  return accuracyLines(page);
}

/** The CLI's JSON for zeros and He compared over `iterations`, as the lab runs them. */
function compareZerosHe(iterations: number) {
  const args = ['compare', '--inits', 'zeros,he', '--iterations', String(iterations), '--json'];
  return JSON.parse(cli([...args, '--no-report', '--quiet']).stdout);
}

/** The page names the case's test SPEC, and its run line has numpy's two accuracies. */
async function expectScoredAs(
  c: { testSpec: string; trainAccuracy: number; testAccuracy: number },
  page: Page,
  line: string,
) {
  expect(await page.textContent('#test-used')).toBe(`test set: ${c.testSpec}`);
  expect(line).toContain(
    `train accuracy ${pct(c.trainAccuracy)}, test accuracy ${pct(c.testAccuracy)}`,
  );
}

describe('web lab: the test set follows the data', () => {
  it("moons seed 3 is scored on moons seed 4 (scikit-learn's draw, numpy's accuracy)", async () => {
    const c = fixture.cases[0]; // he, seed 3, 2000 iterations on moons:n=300,noise=0.2,seed=3
    const page = await open(
      `?view=lab&data=${encodeURIComponent('moons:n=300,noise=0.2,seed=3')}&inits=he&it=2000`,
    );
    await expectScoredAs(c, page, (await labRun(page))[0]);
    await page.close();
  }, 90_000);

  it('a dropped CSV has no test set, and says so; a test spec gives it one', async () => {
    const csv = cli(['data', '--dataset', 'moons:n=300,noise=0.2,seed=3', '--csv']).stdout;
    const page = await open('?view=lab&inits=he&it=2000');
    await dropCsv(page, 'moons.csv', csv);
    await page.waitForFunction(() =>
      document.getElementById('status')!.textContent!.includes('300 examples'),
    );
    const [line] = await labRun(page);
    expect(await page.textContent('#test-used')).toMatch(/^no test set/);
    expect(line).toContain('no test set');
    expect(line).not.toMatch(/test accuracy/);
    const boundaryTitles = await page.$$eval('#boundaries svg text', (ts) =>
      ts.map((t) => t.textContent ?? '').filter((t) => t.includes('train')),
    );
    expect(boundaryTitles.join(' ')).not.toMatch(/test \d/);
    // now named: the same numbers as the generated moons
    const c = fixture.cases[0];
    await page.fill('#f-test', c.testSpec);
    await page.dispatchEvent('#f-test', 'change');
    await expectScoredAs(c, page, (await labRun(page))[0]);
    await page.close();
  }, 90_000);
});

describe('web lab: verdicts come from the run', () => {
  it("the lab's verdict is the CLI's for the same run, not a name lookup", async () => {
    // He after 10 iterations has not learned the rings yet: a name lookup would say "works well"
    const doc = compareZerosHe(10);
    const page = await open('?view=lab&inits=zeros,he&it=10');
    const lines = await labRun(page);
    for (const [i, run] of doc.runs.entries()) {
      expect(lines[i]).toContain(`(done: ${run.verdict})`);
    }
    expect(doc.runs[1].verdict).not.toMatch(/works well/);
    await page.close();
  });

  it('the run doctor names the same cause and fix as the CLI for the same runs', async () => {
    const doc = compareZerosHe(1500);
    const page = await open('?view=lab&inits=zeros,he&it=1500');
    await labRun(page);
    const lines = await page.$$eval('.run-doctor', (ps) => ps.map((p) => p.textContent ?? ''));
    expect(lines).toHaveLength(2);
    expect(doc.runs[0].doctor.findings.map((f: { kind: string }) => f.kind)).toContain('symmetry');
    for (const [i, run] of doc.runs.entries()) {
      expect(lines[i]).toContain(run.init);
      // the same cause and fix, with the CLI's flags said as the lab's controls
      for (const f of run.doctor.findings)
        expect(lines[i]).toContain(inLabWords(`${f.cause}. Fix: ${f.fix}.`));
    }
    await page.close();
  }, 90_000);

  it('a diverging run says so beside its numbers and under the buttons, not just "(done)"', async () => {
    const page = await open(
      `?view=lab&inits=${encodeURIComponent('random-normal:std=1e300')}&it=100`,
    );
    const [line] = await labRun(page);
    expect(line).toMatch(/diverged at iteration 0/);
    expect(line).toMatch(/lower the learning rate/);
    expect(await page.isVisible('#run-error')).toBe(true);
    expect(await page.textContent('#run-error')).toMatch(
      /random-normal:std=1e300 diverged at iteration 0/,
    );
    await page.close();
  });
});

describe('web lab: every error where the user is looking', () => {
  it('a refused URL parameter is shown while the Lesson is the view', async () => {
    const page = await open('?seed=abc');
    expect(await page.isVisible('#lesson')).toBe(true);
    expect(await page.isVisible('#notices')).toBe(true);
    expect(await page.textContent('#notices')).toMatch(
      /Weight seed must be an integer .* \(seed="abc"\)/,
    );
    await page.close();
  });

  it('several refused fields: each message beside its own control, all of them listed', async () => {
    const page = await open(
      '?view=lab&it=0&bs=-1&speed=0&lr=-1&scale=abc&opt=bogus&test=circles%3Abogus%3D1',
    );
    const slots: Record<string, RegExp> = {
      '#err-it': /^Iterations must be an integer from 1 to/,
      '#err-bs': /^Batch size must be an integer from 0 to/,
      '#err-speed': /^Speed must be an integer from 1 to/,
      '#err-lr': /^Learning rate must be a finite number > 0/,
      '#err-scale': /^Scale \(random\) must be a finite number/,
      '#err-opt': /^Optimizer: unknown optimizer "bogus"/,
      '#err-test': /^Test data: dataset "circles": unknown parameter "bogus"/,
    };
    for (const [sel, re] of Object.entries(slots)) {
      expect(await page.isVisible(sel), sel).toBe(true);
      expect(await page.textContent(sel), sel).toMatch(re);
    }
    const notices = (await page.textContent('#notices'))!;
    expect(notices.split('\n').length).toBe(1 + Object.keys(slots).length);
    await page.close();
  });

  it('a refused hidden list and the activation list it breaks: both messages show', async () => {
    const page = await open('?view=lab&hidden=10%2Cx&act=relu%2Ctanh%2Crelu');
    expect(await page.textContent('#err-hidden')).toMatch(/^Hidden layers must be sizes like 10,5/);
    expect(await page.textContent('#err-act')).toMatch(
      /^Activation: give one activation or one per hidden layer/,
    );
    await page.close();
  });

  it('too many points are refused at once, before any is drawn; the cap itself is accepted', async () => {
    // timed against the same page with a small dataset, so a busy machine slows both alike
    // (drawing 10,000,000 points took 5 s on the page before the cap)
    const timeToNotice = async (query: string) => {
      const t = Date.now();
      const page = await open(query);
      await page.waitForSelector('#notices:not([hidden])', { timeout: 20_000 });
      await page.evaluate(() => 1); // the page answers
      return { page, ms: Date.now() - t };
    };
    const small = await timeToNotice('?data=circles%3An%3D50&seed=abc');
    await small.page.close();
    const big = await timeToNotice('?data=circles%3An%3D10000000');
    expect(big.ms - small.ms).toBeLessThan(1_500);
    expect(await big.page.textContent('#notices')).toMatch(
      /n=10000000 is more points than the web lab draws \(at most 100000/,
    );
    await big.page.close();
    const ok = await open('?view=lab&data=circles%3An%3D100000&it=1');
    expect(await ok.isVisible('#notices')).toBe(false);
    await ok.close();
  });

  it('a dropped CSV above the cap is refused beside the drop zone', async () => {
    const page = await open('?view=lab');
    const rows = 'x1,x2,label\n' + '0.5,-0.25,1\n'.repeat(100_001);
    await dropCsv(page, 'big.csv', rows);
    await page.waitForFunction(() => document.getElementById('err-csv')!.textContent !== '');
    expect(await page.textContent('#err-csv')).toMatch(
      /big\.csv has more than 100000 examples; the web lab trains on at most 100000/,
    );
    await page.close();
  });

  it('saving a model before any run says why nothing is saved', async () => {
    const page = await open('?view=lab');
    await page.click('#x-model');
    await page.waitForFunction(() => document.getElementById('run-error')!.textContent !== '');
    expect(await page.textContent('#run-error')).toMatch(/no model yet/);
    await page.close();
  });

  it('no page errors', () => {
    expect(lab.problems).toEqual([]);
  });
});
