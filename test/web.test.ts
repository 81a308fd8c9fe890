// The web lab in a real Chromium (Debian's, driven by playwright-core) against the served
// build: the lesson lands on the notebook's numbers, the lab trains, URLs replay, CSVs load
// or are refused on the page, nothing errs in the console, nothing leaves 127.0.0.1.
import { mkdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ref } from './helpers.js';
import { accuracyLines, dropCsv, playLab, useServedLab } from './helpers/served-lab.js';

const ARTIFACTS = fileURLToPath(new URL('../test-artifacts/', import.meta.url));
const lab = useServedLab();
beforeAll(() => mkdirSync(ARTIFACTS, { recursive: true }));

/** A page of the lab; a request that leaves the lab is recorded as a problem. */
async function open(query = ''): Promise<Page> {
  const page = lab.watch(
    await lab.browser.newPage({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true }),
  );
  page.on('request', (r) => {
    if (!lab.isOwn(r.url())) lab.problems.push(`request: ${r.url()}`);
  });
  await page.goto(`${lab.base}${query}`);
  return page;
}

/** Plays the lab's runs to the end; their accuracy lines. */
async function labRun(page: Page): Promise<string[]> {
  await playLab(page);
  return accuracyLines(page);
}

async function historyCsv(page: Page): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#x-history')]);
  return readFileSync((await download.path())!, 'utf8');
}

describe('web lab', () => {
  it("lesson: the three runs show the notebook's accuracies", async () => {
    const page = await open();
    const got: Record<string, [number, number]> = {};
    for (const init of ['zeros', 'random', 'he']) {
      await page.click(`button[data-init="${init}"]`);
      const sel = `#lesson-${init} .numbers[data-done="true"]`;
      await page.waitForSelector(sel, { timeout: 60_000 });
      got[init] = [
        Number(await page.getAttribute(sel, 'data-train')),
        Number(await page.getAttribute(sel, 'data-test')),
      ];
    }
    expect(got).toEqual({
      zeros: [0.5, 0.5],
      random: [0.83, 0.86],
      he: [ref.runs.he.train_accuracy, 0.96],
    });
    expect(await page.isVisible('#lesson-table')).toBe(true);
    // the table's verdicts are read off the runs, as the CLI's closing table reads them
    const cliDoc = JSON.parse(cli(['--json', '--no-report', '--quiet']).stdout);
    const verdicts = await page.$$eval('#lesson-table tbody tr', (trs) =>
      trs.map((tr) => tr.lastElementChild!.textContent),
    );
    expect(verdicts).toEqual(cliDoc.runs.map((r: { verdict: string }) => r.verdict));
    await page.screenshot({ path: `${ARTIFACTS}web-lesson.png`, fullPage: true });
    await page.close();
  });

  it('lab: zeros gives a flat cost; the view is captured', async () => {
    const page = await open('?view=lab&inits=zeros,he&it=2000');
    const acc = await labRun(page);
    expect(acc[0]).toMatch(/^zeros: iteration 2000, train accuracy 50\.0%/);
    const rows = (await historyCsv(page))
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const zeros = rows.filter((r) => r[0] === 'zeros').map((r) => Number(r[2]));
    expect(zeros.length).toBeGreaterThan(100);
    for (const c of zeros) expect(Math.abs(c - Math.LN2)).toBeLessThan(1e-9);
    const he = rows.filter((r) => r[0] === 'he').map((r) => Number(r[2]));
    expect(he.at(-1)!).toBeLessThan(he[0] - 0.1);
    await page.screenshot({ path: `${ARTIFACTS}web-lab.png`, fullPage: true });
    await page.close();
  });

  it('a URL round trip reproduces the numbers', async () => {
    const query =
      '?view=lab&data=moons%3An%3D200%2Cnoise%3D0.1%2Cseed%3D4&hidden=8%2C8&act=tanh&inits=glorot-uniform%2Corthogonal&seed=7&opt=adam&lr=0.01&it=1500&bs=32';
    const first = await open(query);
    const a = await labRun(first);
    const ha = await historyCsv(first);
    const shared = await first.getAttribute('#share-link', 'href');
    await first.close();
    const second = await open(new URL(shared!).search);
    const b = await labRun(second);
    expect(b).toEqual(a);
    expect(await historyCsv(second)).toBe(ha);
    await second.close();
  });

  it('a CSV file trains; a malformed one shows its error on the page', async () => {
    const page = await open('?view=lab&it=300');
    const rows = Array.from(
      { length: 80 },
      (_, i) => `${Math.cos(i)},${Math.sin(i) * (i % 2 ? 0.4 : 1)},${i % 2}`,
    );
    await dropCsv(page, 'rings.csv', `x1,x2,label\n${rows.join('\n')}\n`);
    await page.waitForFunction(() =>
      document.getElementById('status')!.textContent!.includes('80 examples'),
    );
    const acc = await labRun(page);
    expect(acc[0]).toMatch(/iteration 300/);
    await dropCsv(page, 'bad.csv', '1,2,0\n3,x,1\n');
    await page.waitForFunction(() => document.getElementById('err-csv')!.textContent !== '');
    expect(await page.textContent('#err-csv')).toBe('bad.csv:2:3: "x" is not a number');
    await page.close();
  });

  it('URL state is validated, never evaluated: bad values are named next to their control', async () => {
    const page = await open(
      '?view=lab&data=javascript%3Aalert(1)&lr=-1&inits=bogus&hidden=10%2Cx&seed=99999999999',
    );
    expect(await page.textContent('#err-data')).toMatch(
      /dataset spec "javascript:alert\(1\)": "alert\(1\)" is not key=value/,
    );
    expect(await page.textContent('#err-lr')).toBe(
      'Learning rate must be a finite number > 0 and <= 100, got "-1"',
    ); // the field's label, never a flag or a key
    expect(await page.textContent('#err-inits')).toMatch(/unknown initialization "bogus"/);
    expect(await page.textContent('#err-hidden')).toMatch(/^Hidden layers must be sizes like 10,5/);
    expect(await page.textContent('#err-seed')).toBe(
      'Weight seed must be an integer from 0 to 4294967295, got "99999999999"',
    );
    await page.close();
  });

  it('no console errors and no request left 127.0.0.1 in any test', () => {
    expect(lab.problems).toEqual([]);
  });
});

describe('initlab serve', () => {
  it('serves the built files only, GET/HEAD only, with a CSP that forbids other origins', async () => {
    const ok = await fetch(lab.base);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    for (const path of [
      '../package.json',
      '%2e%2e/%2e%2e/package.json',
      '..%2f..%2fpackage.json',
      'assets/../../../etc/passwd',
      '%00',
    ]) {
      const r = await fetch(`${lab.base}${path}`);
      expect(r.status, path).toBe(404);
    }
    expect((await fetch(lab.base, { method: 'POST', body: 'x' })).status).toBe(405);
    expect((await fetch(lab.base, { method: 'HEAD' })).status).toBe(200);
  });
});
