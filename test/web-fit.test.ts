// The web lab's leftovers of issue 14, in Debian's Chromium: every chart drawn for its box's
// real width (at a phone's 320 px, a tablet's 768 px and a wide 1600 px window, and again
// after the window changes), with tick labels of at least 10 px; the initializer checkboxes
// as one Tab stop (arrows move, Space checks); run names shown whole wherever they appear,
// with the longest registry name and its parameters; and axe-core on the result.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { initializerNames, initializers } from '../src/nn/initializers.js';
import { playLab, useServedLab } from './helpers/served-lab.js';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const lab = useServedLab();

/** Every registry entry written with all its parameters (a choice: its longest), longest first. */
const SPELLED = initializerNames()
  .map((name) => {
    const params = Object.entries(initializers[name].params ?? {}).map(
      ([key, p]) =>
        `${key}=${p.choices ? p.choices.reduce((a, b) => (b.length > a.length ? b : a)) : String(p.default)}`,
    );
    return params.length ? `${name}:${params.join(',')}` : name;
  })
  .sort((a, b) => b.length - a.length);
const LONGEST = SPELLED[0];
/** Its sibling that differs only after the first 40 characters (one value changed). */
const SIBLING = LONGEST.replace(
  /=([^=,]+)$/,
  (_, v: string) => `=${v === 'uniform' ? 'normal' : 'uniform'}`,
);

async function open(query: string, width: number): Promise<Page> {
  const context = await lab.browser.newContext({
    viewport: { width, height: 900 },
    bypassCSP: true,
  });
  const page = lab.watch(await context.newPage());
  await page.goto(`${lab.base}${query}`);
  return page;
}

/**
 * Every chart on screen that is not drawn for its box: an SVG whose box (the nearest
 * element marked data-sized) is missing, whose drawn width (its width attribute) differs from
 * the box's content width or from the width it is shown at by more than 2 px, or whose tick
 * labels show smaller than 10 px.
 */
const misfits = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    const svgs = [...document.querySelectorAll<SVGSVGElement>('main svg')].filter(
      (svg) =>
        svg.getBoundingClientRect().width > 0 &&
        !svg.parentElement?.closest('svg') &&
        // a Plot legend's colour swatch is a 15-px svg of its own
        !svg.closest('[class*="swatch"]'),
    );
    for (const svg of svgs) {
      const box = svg.closest<HTMLElement>('[data-sized]');
      const where = `${box?.id || box?.className || svg.closest('[id]')?.id}`;
      if (!box) {
        out.push(`an svg in #${where} is not fitted to a box`);
        continue;
      }
      const style = getComputedStyle(box);
      const inner =
        box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const drawn = Number(svg.getAttribute('width'));
      const shown = svg.getBoundingClientRect().width;
      if (Math.abs(drawn - inner) > 2 || Math.abs(drawn - shown) > 2)
        out.push(`${where}: drawn ${drawn} px, shown ${shown.toFixed(1)} px, box ${inner} px`);
      const scale = shown / svg.viewBox.baseVal.width;
      for (const t of svg.querySelectorAll('g[aria-label$="tick label"] text')) {
        const px = parseFloat(getComputedStyle(t).fontSize) * scale;
        if (px < 9.95) {
          // (a box of 407.5 px holds a chart of 407: 9.99 px is 10 px drawn)
          out.push(`${where}: a tick label at ${px.toFixed(1)} px`);
          break;
        }
      }
    }
    return svgs.length ? out : ['no chart on screen'];
  });

/** Waits until the charts fit (a resize redraws them once the box has rested), then returns what does not. */
async function settled(page: Page): Promise<string[]> {
  await page
    .waitForFunction(() => document.querySelectorAll('main svg').length > 0, undefined, {
      timeout: 10_000,
    })
    .catch(() => undefined);
  for (let i = 0; i < 40; i++) {
    const bad = await misfits(page);
    if (!bad.length) return bad;
    await page.waitForTimeout(100);
  }
  return misfits(page);
}

describe('every chart is drawn for the width of its box', () => {
  for (const width of [320, 768, 1600]) {
    it(`lab, unit card, lesson and depth view at ${width} px wide`, async () => {
      const page = await open(`?view=lab&it=200&inits=he,zeros,${LONGEST}`, width);
      await playLab(page, 90_000);
      await page.waitForSelector('#histograms svg');
      expect(await settled(page), 'lab').toEqual([]);
      await page.focus('#network .unit[data-layer="1"][data-unit="0"]');
      await page.waitForSelector('#unit-detail:not([hidden]) svg');
      expect(await settled(page), 'unit card').toEqual([]);
      await page.click('#tab-lesson');
      await page.$eval('#lesson-speed', (el) => {
        (el as HTMLInputElement).value = '3';
        el.dispatchEvent(new Event('input'));
      });
      await page.click('button[data-init="zeros"]');
      await page.waitForSelector('#lesson-zeros .numbers[data-done="true"]', { timeout: 90_000 });
      await page.waitForSelector('#lesson-combined svg');
      expect(await settled(page), 'lesson').toEqual([]);
      await page.click('#tab-depth');
      await page.waitForSelector('#depth-phase svg');
      expect(await settled(page), 'depth').toEqual([]);
      await page.context().close();
    }, 150_000);
  }

  it('a window that changes width has its charts drawn again for the new width', async () => {
    const page = await open(`?view=lab&it=200&inits=he,${LONGEST}`, 1600);
    await playLab(page, 90_000);
    await page.waitForSelector('#histograms svg');
    const before = await page.$eval('#cost-chart svg', (s) => Number(s.getAttribute('width')));
    for (const width of [320, 768, 1600]) {
      await page.setViewportSize({ width, height: 900 });
      expect(await settled(page), `resized to ${width}`).toEqual([]);
    }
    await page.setViewportSize({ width: 500, height: 900 });
    expect(await settled(page), 'resized to 500').toEqual([]);
    const after = await page.$eval('#cost-chart svg', (s) => Number(s.getAttribute('width')));
    expect(after).toBeLessThan(before);
    // a reset run's charts stay cleared when the window changes afterwards
    await page.click('#b-reset');
    await page.setViewportSize({ width: 1000, height: 900 });
    await page.waitForTimeout(600); // several times the rest a resize waits before redrawing
    expect(
      await page.$$eval(
        '#cost-chart svg, #layers-chart svg, #histograms svg, #boundaries svg',
        (svgs) => svgs.length,
      ),
    ).toBe(0);
    await page.context().close();
  }, 120_000);
});

describe('the initializer checkboxes are one Tab stop', () => {
  /** The ids (or checkbox values) that Tab visits from `from` until focus leaves the controls. */
  const tabWalk = async (page: Page, from: string, key = 'Tab') => {
    await page.focus(from);
    const seen: string[] = [];
    for (let i = 0; i < 200; i++) {
      await page.keyboard.press(key);
      const at = await page.evaluate(() => {
        const el = document.activeElement as HTMLInputElement | null;
        if (!el || !el.closest('#controls')) return null;
        return el.type === 'checkbox' ? `box:${el.value}` : el.id || el.tagName;
      });
      if (at === null) break;
      seen.push(at);
    }
    return seen;
  };

  it('Tab passes the group in one step, both ways; every other control is one step too', async () => {
    const page = await open('?view=lab&inits=he,xavier', 1280);
    // counted without the page's help: every control of the form that Tab can reach, a checkbox not among them
    const controls = await page.$$eval(
      '#controls button, #controls input, #controls select',
      (els) =>
        els
          .filter(
            (e) =>
              !(e as HTMLButtonElement).disabled && (e as HTMLInputElement).type !== 'checkbox',
          )
          .map((e) => e.id),
    );
    const forward = await tabWalk(page, '#b-play');
    const boxes = forward.filter((s) => s.startsWith('box:'));
    expect(boxes).toEqual(['box:he']); // the first checked one
    expect(forward.length).toBe(controls.length - 1 + 1); // every control after Play, plus the group once
    expect(forward.indexOf('box:he')).toBe(forward.indexOf('f-initspec') - 1);
    const back = await tabWalk(page, '#f-initspec', 'Shift+Tab');
    expect(back.filter((s) => s.startsWith('box:'))).toEqual(['box:he']);
    expect(back.at(-1)).toBe('b-play');
    expect(back.length).toBe(forward.indexOf('f-initspec') + 1); // the same stops, and Play
    await page.context().close();
  });

  it('arrows move through every initializer and go round, Home and End jump, Space checks the focused one', async () => {
    const page = await open('?view=lab&inits=he', 1280);
    const values = await page.$$eval('#f-inits input', (bs) =>
      bs.map((b) => (b as HTMLInputElement).value),
    );
    expect(values.length).toBe(initializerNames().length);
    await page.focus('#f-act');
    await page.keyboard.press('Tab');
    const focused = () => page.evaluate(() => (document.activeElement as HTMLInputElement).value);
    expect(await focused()).toBe('he');
    const start = values.indexOf('he');
    const visited: string[] = [];
    for (let i = 0; i < values.length; i++) {
      await page.keyboard.press('ArrowDown');
      visited.push(await focused());
    }
    // round the whole list, back to where it began
    expect(visited).toEqual([...values.slice(start + 1), ...values.slice(0, start + 1)]);
    await page.keyboard.press('Home');
    expect(await focused()).toBe(values[0]);
    await page.keyboard.press('ArrowUp');
    expect(await focused()).toBe(values.at(-1));
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe(values[1]);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('End');
    expect(await focused()).toBe(values.at(-1));
    // Space checks the focused one, and the link follows
    await page.keyboard.press('Space');
    expect(await page.isChecked(`#f-inits input[value="${values.at(-1)}"]`)).toBe(true);
    expect(new URL(page.url()).searchParams.get('inits')!.split(',')).toContain(values.at(-1));
    await page.keyboard.press('Space');
    expect(await page.isChecked(`#f-inits input[value="${values.at(-1)}"]`)).toBe(false);
    // the one focused last is where Tab comes back to
    await page.keyboard.press('Tab');
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe(values.at(-1));
    await page.context().close();
  });
});

describe("the network view's units are one Tab stop", () => {
  it('Tab enters and leaves the drawing in one step each; arrows move along and across layers', async () => {
    const page = await open('?view=lab&it=50&inits=he&hidden=10,5', 1280);
    await playLab(page, 90_000);
    const at = () =>
      page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        return el.classList.contains('unit') ? `${el.dataset.layer}/${el.dataset.unit}` : el.id;
      });
    expect(await page.$$eval('#network .unit', (us) => us.length)).toBe(2 + 10 + 5 + 1);
    await page.focus('#network-run');
    await page.keyboard.press('Tab');
    expect(await at()).toBe('0/0');
    await page.keyboard.press('Tab');
    const after = await at();
    expect(after).not.toMatch(/^\d+\/\d+$/); // out of the drawing after one stop
    for (const [key, where] of [
      ['Shift+Tab', '0/0'],
      ['ArrowDown', '0/1'],
      ['ArrowDown', '0/0'], // round the two inputs
      ['ArrowRight', '1/0'],
      ['End', '3/0'],
      ['ArrowRight', '3/0'], // the output is the last layer
      ['ArrowLeft', '2/0'],
      ['ArrowUp', '2/4'], // round the layer of 5
      ['ArrowLeft', '1/4'],
      ['ArrowDown', '1/5'],
      ['ArrowRight', '2/4'], // the nearest unit of a smaller layer
      ['Home', '0/0'],
      ['ArrowRight', '1/0'],
    ] as const) {
      await page.keyboard.press(key);
      expect(await at(), key).toBe(where);
    }
    // a unit reached by the keyboard shows its card
    expect(await page.textContent('#unit-detail')).toMatch(/^Layer 1, unit 1:/);
    // Tab back in lands on the unit left last
    await page.keyboard.press('Tab');
    expect(await at()).toBe(after);
    await page.keyboard.press('Shift+Tab');
    expect(await at()).toBe('1/0');
    await page.context().close();
  }, 120_000);
});

describe('run names are shown whole', () => {
  for (const width of [320, 1600]) {
    it(`${LONGEST} and a sibling differing at its end, at ${width} px`, async () => {
      const names = ['he', LONGEST, SIBLING];
      const page = await open(`?view=lab&it=100&inits=${names.join(',')}`, width);
      expect(await page.isHidden('#notices')).toBe(true);
      await playLab(page, 90_000);
      await page.waitForSelector('#histograms svg');
      // text on the page: the run selector and the accuracy lines
      expect(
        await page.$$eval('#network-run option', (os) => os.map((o) => o.textContent)),
      ).toEqual(names);
      const lines = await page.$$eval('.run-accuracy', (ps) => ps.map((p) => p.textContent ?? ''));
      names.forEach((n, i) => expect(lines[i].startsWith(`${n}: iteration`)).toBe(true));
      // charts: each names every run whole (aria-label), a shortened text shows the whole name
      // as its tooltip, and no two runs share a label
      const charts = await page.$$eval(
        '#cost-chart svg, #layers-chart svg, #gradients-chart svg',
        (svgs, names) =>
          svgs.map((svg) => ({
            name: svg.getAttribute('aria-label') ?? '',
            labels: [...svg.querySelectorAll('text')]
              .filter((t) => {
                const shown = t.firstChild?.textContent ?? '';
                return names.includes(shown) || shown.includes('…');
              })
              .map((t) => ({
                shown: t.firstChild?.textContent ?? '',
                title: t.querySelector('title')?.textContent ?? null,
              })),
          })),
        names,
      );
      expect(charts).toHaveLength(3);
      for (const c of charts) {
        for (const n of names) expect(c.name).toContain(n);
        for (const l of c.labels)
          if (l.shown.includes('…')) expect(names).toContain(l.title);
          else expect(l.title).toBeNull();
      }
      const costLabels = charts[0].labels
        .map((l) => l.title ?? l.shown)
        .filter((t) => names.includes(t));
      expect(new Set(costLabels).size).toBe(costLabels.length);
      // histogram and boundary titles: the whole name written, or as tooltip, and in the accessible name
      for (const sel of ['#histograms svg', '#boundaries figure > div:first-child svg']) {
        const figs = await page.$$eval(sel, (svgs) =>
          svgs.map((svg) => ({
            name: svg.getAttribute('aria-label') ?? '',
            text: [...svg.querySelectorAll('text')].map((t) => t.textContent ?? '').join(' | '),
          })),
        );
        for (const n of names) {
          expect(
            figs.some((f) => f.name.startsWith(n)),
            `${sel} ${n}`,
          ).toBe(true);
          expect(
            figs.some((f) => f.text.includes(n)),
            `${sel} ${n}`,
          ).toBe(true);
        }
      }
      // the checkboxes name each initializer whole
      expect(
        await page.$$eval('#f-inits label', (ls) => ls.map((l) => l.textContent!.trim())),
      ).toEqual(initializerNames());
      // nothing pushes the page sideways
      expect(
        await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth),
      ).toBeLessThanOrEqual(0);
      // and axe-core finds nothing serious, with focus inside the checkbox group
      await page.focus('#f-inits input[tabindex="0"]');
      await page.addScriptTag({ content: AXE });
      const serious = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (
                d: Document,
                o: object,
              ) => Promise<{ violations: { id: string; impact: string }[] }>;
            };
          }
        ).axe;
        const r = await axe.run(document, { resultTypes: ['violations'] });
        return r.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map((v) => v.id);
      });
      expect(serious).toEqual([]);
      await page.context().close();
    }, 120_000);
  }

  it('the page reports no console errors', () => {
    expect(lab.problems).toEqual([]);
  });
});
