// The report as written to disk by the CLI: files, PNG sizes, what the pictures show,
// and the page in a real Chromium.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import chroma from 'chroma-js';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { BOUNDARY_FRAME } from '../src/plot/specs.js';
import { PROBABILITY_COLORS } from '../src/plot/palette.js';
import { launchChromium } from './browser.js';
import { BIN, cli, ref } from './helpers.js';
import { tempDir } from './helpers/temp-dir.js';

const dir = join(tempDir('report'), 'report');
const run = cli(['--out', dir, '--quiet']);

const png = (name: string) => PNG.sync.read(readFileSync(join(dir, name)));

/** Share of training points whose pixel in a boundary PNG has the hue of the model's prediction. */
function agreement(file: string, predictions: number[]): number {
  const image = png(file);
  const { width, height, marginLeft, marginRight, marginTop, marginBottom } = BOUNDARY_FRAME;
  const zoom = image.width / width;
  let agree = 0;
  ref.data.train_X[0].forEach((x: number, j: number) => {
    const y = ref.data.train_X[1][j];
    const px = Math.floor(
      (marginLeft + ((x + 1.5) / 3) * (width - marginLeft - marginRight)) * zoom,
    );
    const py = Math.floor(
      (marginTop + ((1.5 - y) / 3) * (height - marginTop - marginBottom)) * zoom,
    );
    if (shadeClass(image, px, py) === predictions[j]) agree++;
  });
  return agree / predictions.length;
}

const BANDS = PROBABILITY_COLORS.map((hex) => chroma(hex).rgb());

/**
 * The class the shading shows at (px, py): the band colour of the centre pixel or, where
 * a ring, its halo or the 0.5 line covers it, of the nearest pixel within 10 px (5 px of
 * the SVG) that has one of the band colours. Bands 0-4 are probability <= 0.5, 5-9 above.
 */
function shadeClass(image: PNG, px: number, py: number): number | null {
  for (let radius = 0; radius <= 10; radius++) {
    for (let dy = -radius; dy <= radius; dy++) {
      for (let dx = -radius; dx <= radius; dx++) {
        if (Math.max(Math.abs(dx), Math.abs(dy)) !== radius) continue;
        const o = ((py + dy) * image.width + (px + dx)) * 4;
        const band = BANDS.findIndex((b) =>
          b.every((v, i) => Math.abs(v - image.data[o + i]) <= 3),
        );
        if (band >= 0) return band >= 5 ? 1 : 0;
      }
    }
  }
  return null;
}

describe('the report folder', () => {
  it('is written by a plain run', () => {
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`report: ${dir}/index.html`);
  });

  it('holds every figure as SVG and PNG, the CSV, the JSON and the page', () => {
    const files = readdirSync(dir).sort();
    for (const base of [
      'dataset',
      'compare-costs',
      'compare-boundaries',
      ...['zeros', 'large-random', 'he'].flatMap((r) => [
        `${r}-initialization-cost`,
        `${r}-initialization-boundary`,
      ]),
    ]) {
      expect(files).toContain(`${base}.svg`);
      expect(files).toContain(`${base}.png`);
    }
    expect(files).toContain('index.html');
    expect(files.filter((f) => f.startsWith('.'))).toEqual(['.initlab-report.json']); // the marker only, no temporary file
    const results = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(results.runs.map((r: any) => [r.init, r.trainAccuracy, r.testAccuracy])).toEqual([
      ['zeros', 0.5, 0.5],
      ['random', 0.83, 0.86],
      ['he', ref.runs.he.train_accuracy, 0.96],
    ]);
    const csv = readFileSync(join(dir, 'costs.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe(
      'iteration,zeros initialization,large random initialization,He initialization',
    );
    expect(csv[1].split(',').map(Number)[0]).toBe(0);
    expect(Number(csv[1].split(',')[3])).toBeCloseTo(ref.runs.he.stable_cost_iteration_0, 12);
    expect(Number(csv.at(-1)!.split(',')[0])).toBe(15000);
  });

  it('PNGs decode at twice the size of their SVG', () => {
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.png'))) {
      const svg = readFileSync(join(dir, f.replace(/\.png$/, '.svg')), 'utf8');
      const [, w] = svg.match(/<svg[^>]*\swidth="(\d+)"/) ?? [];
      const [, h] = svg.match(/<svg[^>]*\sheight="(\d+)"/) ?? [];
      const image = png(f);
      expect([image.width, image.height], f).toEqual([2 * Number(w), 2 * Number(h)]);
    }
  });

  it("decision boundaries: the colour under each training point is the model's prediction there", () => {
    for (const run of ['he', 'random', 'zeros'] as const) {
      const file = `${run === 'random' ? 'large-random' : run}-initialization-boundary.png`;
      expect(agreement(file, ref.runs[run].train_predictions), run).toBeGreaterThanOrEqual(0.99);
    }
    // and the check can fail: against the opposite predictions it must
    expect(
      agreement(
        'he-initialization-boundary.png',
        ref.runs.he.train_predictions.map((p: number) => 1 - p),
      ),
    ).toBeLessThan(0.05);
  });

  it('the page loads in Chromium with no console errors and no network requests, and shows the table', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      page.on('pageerror', (e) => errors.push(String(e)));
      const url = pathToFileURL(join(dir, 'index.html')).href;
      page.on('request', (r) => {
        if (r.url() !== url) requests.push(r.url());
      });
      await page.goto(url, { waitUntil: 'load' });
      const rows = await page.$$eval('#comparison tbody tr', (trs) =>
        trs.map((tr) => Array.from(tr.querySelectorAll('td')).map((td) => td.textContent)),
      );
      expect(rows.map((r) => r.slice(0, 3))).toEqual([
        ['zeros initialization', '50.0%', '50.0%'],
        ['large random initialization', '83.0%', '86.0%'],
        ['He initialization', '99.3%', '96.0%'],
      ]);
      expect(await page.locator('figure svg').count()).toBeGreaterThanOrEqual(9);
      expect(errors).toEqual([]);
      expect(requests).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});

describe('writing a report never loses anything', () => {
  it('replaces an earlier report as a whole', () => {
    const out = join(tempDir('replace'), 'r');
    expect(
      cli(['compare', '--inits', 'he,xavier', '--iterations', '50', '--out', out, '--quiet'])
        .status,
    ).toBe(0);
    expect(existsSync(join(out, 'xavier-initialization-cost.svg'))).toBe(true);
    expect(
      cli(['train', '--init', 'zeros', '--iterations', '50', '--out', out, '--quiet']).status,
    ).toBe(0);
    expect(existsSync(join(out, 'xavier-initialization-cost.svg'))).toBe(false);
    expect(existsSync(join(out, 'zeros-initialization-cost.svg'))).toBe(true);
    expect(readdirSync(join(out, '..'))).toEqual(['r']);
  });
  it('refuses to replace a folder that is not a report, and leaves it alone', () => {
    const out = tempDir('mine');
    mkdirSync(join(out, 'thesis'));
    writeFileSync(join(out, 'thesis', 'chapter1.tex'), 'precious');
    const r = cli(['train', '--iterations', '10', '--out', join(out, 'thesis'), '--quiet']);
    expect(r.status).toBe(1);
    expect(r.stderr.trim()).toMatch(/is not an initlab report; choose another --out/);
    expect(readdirSync(join(out, 'thesis'))).toEqual(['chapter1.tex']);
  });
  it('--no-report writes nothing', () => {
    const cwd = tempDir('none');
    const r = spawnSync(
      process.execPath,
      [BIN, 'train', '--iterations', '10', '--no-report', '--quiet'],
      { cwd, encoding: 'utf8' },
    );
    expect(r.status).toBe(0);
    expect(readdirSync(cwd)).toEqual([]);
  });
});
