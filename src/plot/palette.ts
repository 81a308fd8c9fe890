// Colours readable with the common colour-vision deficiencies.
import { rgb } from 'd3-color';

/**
 * Okabe & Ito (2008), "Color Universal Design", for series side by side: their eight
 * colours less the yellow (#F0E442), which all but vanishes on white (1.2:1).
 */
export const RUN_COLORS = [
  '#0072B2',
  '#E69F00',
  '#009E73',
  '#CC79A7',
  '#D55E00',
  '#56B4E9',
  '#000000',
];

/**
 * Text in each RUN_COLORS hue (same index) dark enough to read on white: WCAG 2.x
 * contrast at least 4.5:1 (the orange, greens and sky blue of the lines are 2.3-3.9:1).
 * Each is its line colour darkened in Lab until it passes; test/palette.test.ts measures them.
 */
export const RUN_TEXT_COLORS = [
  '#0072B2',
  '#A46800',
  '#00865D',
  '#AA5A88',
  '#C55100',
  '#007DAF',
  '#000000',
];

/** A series' colours: `line` for marks, `text` for its labels. */
export interface SeriesColor {
  line: string;
  text: string;
}

const runColor = (i: number): SeriesColor => ({
  line: RUN_COLORS[i % RUN_COLORS.length],
  text: RUN_TEXT_COLORS[i % RUN_COLORS.length],
});

/**
 * Every initializer's place in RUN_COLORS, fixed so a run has the same colour in every
 * figure of the report and the web lab. Families share a hue (he, he-normal and the
 * kaiming names are all green; a trap preset shares the hue of the recipe it distorts); the
 * notebook's three runs keep blue, orange and green.
 */
const INIT_COLOR_INDEX: Record<string, number> = {
  zeros: 0,
  ones: 0,
  constant: 0,
  random: 1,
  'random-normal': 1,
  'random-uniform': 1,
  'truncated-normal': 1,
  he: 2,
  'he-normal': 2,
  'he-uniform': 2,
  'kaiming-normal': 2,
  'kaiming-uniform': 2,
  xavier: 3,
  'glorot-normal': 3,
  'glorot-uniform': 3,
  'keras-dense': 3,
  orthogonal: 4,
  identity: 4,
  'lecun-normal': 5,
  'lecun-uniform': 5,
  'flax-dense': 5,
  'pytorch-linear': 5,
  lsuv: 6,
  'variance-scaling': 6,
  'tfjs-truncated-normal': 6,
  'pytorch-selu': 5,
};

/** An initializer SPEC's name ("random:scale=0.01" → "random"), lower case. */
const baseName = (spec: string) => spec.split(':')[0].trim().toLowerCase();

/** The fixed colour of an initializer SPEC (by its name, options ignored), or null for a name not in the catalogue. */
export function initColor(spec: string): SeriesColor | null {
  const i = INIT_COLOR_INDEX[baseName(spec)];
  return i === undefined ? null : runColor(i);
}

/**
 * Colours for series shown together, one per entry of `specs` (initializer SPECs or other
 * names): each initializer's fixed colour; a name outside the catalogue, or a second run
 * of the same family in one figure (random ×10 beside random ×0.01), takes the first
 * colour nobody else in `specs` uses, so two series never share a colour while there are
 * colours left (more than seven series repeat them).
 */
export function seriesColors(specs: string[]): SeriesColor[] {
  const fixed = specs.map((s) => INIT_COLOR_INDEX[baseName(s)]);
  const taken = new Set<number>();
  const first = fixed.map((i) => (i !== undefined && !taken.has(i) ? (taken.add(i), true) : false));
  // the free colours are handed out only after every series that owns one has claimed it
  let next = 0;
  return fixed.map((i, k) => {
    if (first[k]) return runColor(i);
    while (next < RUN_COLORS.length && taken.has(next)) next++;
    if (next < RUN_COLORS.length) {
      taken.add(next);
      return runColor(next);
    }
    return runColor(k);
  });
}

/**
 * Probability bands for decision boundaries: ColorBrewer PuOr without its white middle,
 * orange below 0.5 (class 0), purple above (class 1).
 */
// The middle edge sits just above 0.5: a probability of exactly 0.5 predicts 0 (a > 0.5 → 1).
export const CLASS_EDGE = 0.5000000000000001;
export const PROBABILITY_THRESHOLDS = [0.1, 0.2, 0.3, 0.4, CLASS_EDGE, 0.6, 0.7, 0.8, 0.9];
const PUOR = [
  '#7f3b08',
  '#b35806',
  '#e08214',
  '#fdb863',
  '#fee0b6',
  '#d8daeb',
  '#b2abd2',
  '#8073ac',
  '#542788',
  '#2d004b',
];

/** A CSS colour (here "#rrggbb") as its red, green and blue bytes, 0–255. */
export function rgbBytes(color: string): [number, number, number] {
  const { r, g, b } = rgb(color);
  return [r, g, b];
}

/** `hex` mixed with white (t = 0: unchanged, 1: white), each channel rounded to a byte. */
export function lighten(hex: string, t: number): string {
  const [r, g, b] = rgbBytes(hex).map((v) => v + (255 - v) * t);
  return rgb(r, g, b).formatHex();
}

// Lightened so the dark rings stay visible, and opaque: contour bands are nested areas
// drawn one over the other, so any transparency would mix orange into the purple bands.
export const PROBABILITY_COLORS = PUOR.map((c) => lighten(c, 0.45));

/** Training points: dark rings of each class's hue. */
export const CLASS_COLORS = ['#7f3b08', '#2d004b'];
