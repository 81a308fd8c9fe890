// One colour per initializer, from a colour-blind-safe palette, with readable text.
import chroma from 'chroma-js';
import { describe, expect, it } from 'vitest';
import { initColor, RUN_COLORS, RUN_TEXT_COLORS, seriesColors } from '../src/plot/palette.js';
import { initializerNames } from '../src/nn/initializers.js';

// Okabe & Ito (2008), "Color Universal Design": the published eight colours
const OKABE_ITO = [
  '#000000',
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#F0E442',
  '#0072B2',
  '#D55E00',
  '#CC79A7',
];

describe('the run palette', () => {
  it('is Okabe–Ito without its yellow', () => {
    expect(RUN_COLORS.every((c) => OKABE_ITO.includes(c))).toBe(true);
    expect(RUN_COLORS).not.toContain('#F0E442');
    expect(new Set(RUN_COLORS).size).toBe(RUN_COLORS.length);
  });

  it("text in each colour reads on white: WCAG contrast at least 4.5:1, in the line colour's hue", () => {
    expect(RUN_TEXT_COLORS).toHaveLength(RUN_COLORS.length);
    RUN_TEXT_COLORS.forEach((text, i) => {
      expect(chroma.contrast(text, '#ffffff'), text).toBeGreaterThanOrEqual(4.5);
      // the same colour, darkened: hue within 12° (black and the blue are their own text colour)
      const [h1] = chroma(RUN_COLORS[i]).hcl();
      const [h2] = chroma(text).hcl();
      if (!Number.isNaN(h1))
        expect(Math.min(Math.abs(h1 - h2), 360 - Math.abs(h1 - h2)), text).toBeLessThan(12);
    });
    // and the check can fail: the yellow and the plain orange do not pass
    expect(chroma.contrast('#F0E442', '#ffffff')).toBeLessThan(4.5);
    expect(chroma.contrast('#E69F00', '#ffffff')).toBeLessThan(4.5);
  });
});

describe('colours by initializer', () => {
  it('every catalogue initializer has a fixed colour, options ignored', () => {
    for (const name of initializerNames()) expect(initColor(name), name).not.toBeNull();
    expect(initColor('random:scale=0.01')).toEqual(initColor('random'));
    expect(initColor('no-such-thing')).toBeNull();
  });

  it("he, xavier, orthogonal and random differ; zeros, random and he keep the notebook figures' colours", () => {
    const lines = ['he', 'xavier', 'orthogonal', 'random', 'zeros', 'lecun-normal', 'lsuv'].map(
      (n) => initColor(n)!.line,
    );
    expect(new Set(lines).size).toBe(lines.length);
    expect(['zeros', 'random', 'he'].map((n) => initColor(n)!.line)).toEqual([
      '#0072B2',
      '#E69F00',
      '#009E73',
    ]);
  });

  it('a run keeps its colour whatever runs it is shown with, and in any order', () => {
    const he = initColor('he');
    for (const set of [
      ['he'],
      ['zeros', 'random', 'he'],
      ['orthogonal', 'he', 'xavier'],
      ['lsuv', 'pytorch-linear', 'he', 'zeros'],
    ]) {
      expect(seriesColors(set)[set.indexOf('he')]).toEqual(he);
    }
  });

  it('two runs of one family, or unknown names, still get colours of their own', () => {
    const c = seriesColors(['random:scale=10', 'random:scale=0.01', 'he', 'my-csv-model']).map(
      (x) => x.line,
    );
    expect(c[0]).toBe(initColor('random')!.line);
    expect(c[2]).toBe(initColor('he')!.line);
    expect(new Set(c).size).toBe(4);
  });
});
