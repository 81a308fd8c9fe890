// Colours readable with the common colour-vision deficiencies.

/** Okabe & Ito (2008), for runs side by side (black last). */
export const RUN_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#F0E442', '#000000'];

/**
 * Probability bands for decision boundaries: ColorBrewer PuOr without its white middle,
 * orange below 0.5 (class 0), purple above (class 1).
 */
// The middle edge sits just above 0.5: a probability of exactly 0.5 predicts 0 (a > 0.5 → 1).
export const CLASS_EDGE = 0.5000000000000001;
export const PROBABILITY_THRESHOLDS = [0.1, 0.2, 0.3, 0.4, CLASS_EDGE, 0.6, 0.7, 0.8, 0.9];
const PUOR = ['#7f3b08', '#b35806', '#e08214', '#fdb863', '#fee0b6', '#d8daeb', '#b2abd2', '#8073ac', '#542788', '#2d004b'];

/** `hex` mixed with white (t = 0: unchanged, 1: white). */
export function lighten(hex: string, t: number): string {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `#${c.map((v) => Math.round(v + (255 - v) * t).toString(16).padStart(2, '0')).join('')}`;
}

// Lightened so the dark rings stay visible, and opaque: contour bands are nested areas
// drawn one over the other, so any transparency would mix orange into the purple bands.
export const PROBABILITY_COLORS = PUOR.map((c) => lighten(c, 0.45));

/** Training points: dark rings of each class's hue. */
export const CLASS_COLORS = ['#7f3b08', '#2d004b'];
