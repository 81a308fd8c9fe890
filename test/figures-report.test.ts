// The CLI report's figures, as written to disk: one colour per initializer across figures,
// plain ticks, log depth views, shared histogram axes and accessible names on every SVG.
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { initColor } from '../src/plot/palette.js';
import { cli } from './helpers.js';

const dir = join(mkdtempSync(join(tmpdir(), 'initlab-figures-')), 'report');
// He, Xavier and random ×0.01 on a deeper net: the small one's signal vanishes layer by layer
const run = cli([
  'compare',
  '--inits',
  'he,xavier,random',
  '--scale',
  '0.01',
  '--layers',
  '2,10,10,10,10,1',
  '--iterations',
  '20',
  '--print-every',
  '10',
  '--diagnostics-every',
  '10',
  '--out',
  dir,
  '--quiet',
]);
const svgOf = (name: string) =>
  parseHTML(
    `<!doctype html><html><body>${readFileSync(join(dir, `${name}.svg`), 'utf8')}</body></html>`,
  ).document.querySelector('svg')!;
const all = (el: Element, selector: string) => [...el.querySelectorAll(selector)];
const PLAIN = /^-?(\d{1,3}(,\d{3})*(\.\d+)?|\d(\.\d+)?e[+-]\d+)$/;

describe("the report's figures", () => {
  it('are written', () => {
    expect(run.status, run.stderr).toBe(0);
  });

  it('every SVG is an image with a name and a <title>', () => {
    const svgs = readdirSync(dir).filter((f) => f.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThanOrEqual(8);
    for (const f of svgs) {
      const svg = svgOf(f.replace(/\.svg$/, ''));
      expect(svg.getAttribute('role'), f).toBe('img');
      expect((svg.getAttribute('aria-label') ?? '').length, f).toBeGreaterThan(5);
      expect(svg.firstElementChild?.tagName.toLowerCase(), f).toBe('title');
    }
    // and the page shows them inline, still named
    expect(
      readFileSync(join(dir, 'index.html'), 'utf8').match(/<svg[^>]*role="img"/g)?.length,
    ).toBeGreaterThanOrEqual(svgs.length);
  });

  it('each initializer keeps its colour from figure to figure', () => {
    // random under --scale 0.01 is labelled random:scale=0.01 (its files random-scale-0-01-…)
    for (const [init, file] of [
      ['he', 'he'],
      ['xavier', 'xavier'],
      ['random', 'random-scale-0-01'],
    ]) {
      const color = initColor(init)!.line;
      for (const name of ['compare-costs', 'layers-activation-std']) {
        expect(
          all(svgOf(name), '[stroke]').map((e) => e.getAttribute('stroke')),
          `${init} in ${name}`,
        ).toContain(color);
      }
      expect(
        all(svgOf('layers-histograms'), '[fill]').map((e) => e.getAttribute('fill')),
      ).toContain(color);
      const own = readdirSync(dir).find((f) => f === `${file}-initialization-cost.svg`)!;
      expect(
        all(svgOf(own.replace(/\.svg$/, '')), 'path').map((e) => e.getAttribute('stroke')),
        own,
      ).toContain(color);
    }
  });

  it('the activation std is on a log axis, its ticks and every other tick plain', () => {
    expect(svgOf('layers-activation-std').getAttribute('aria-label')).toMatch(/log scale/);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.svg'))) {
      for (const t of all(
        svgOf(f.replace(/\.svg$/, '')),
        'g[aria-label="x-axis tick label"] text, g[aria-label="y-axis tick label"] text',
      ))
        expect(t.textContent, f).toMatch(PLAIN);
    }
  });

  it("histograms: a layer's panels share their x axis and say their std", () => {
    const grid = svgOf('layers-histograms');
    const cells = all(grid, ':scope > svg');
    expect(cells).toHaveLength(15); // 3 runs × 5 layers
    const xTicks = (cell: Element) =>
      all(cell, 'g[aria-label="x-axis tick label"] text')
        .map((t) => t.textContent)
        .join(' ');
    for (let l = 0; l < 5; l++)
      expect([xTicks(cells[5 + l]), xTicks(cells[10 + l])]).toEqual([
        xTicks(cells[l]),
        xTicks(cells[l]),
      ]);
    expect(all(grid, 'text').filter((t) => /^std /.test(t.textContent ?? '')).length).toBe(15);
  });
});
