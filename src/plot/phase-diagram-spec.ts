// The phase diagram (Schoenholz et al. 2017, Fig. 1): over the (σ_w², σ_b²) plane of one
// activation, the trainable depth 6 ξ_c as shaded cells with contours at 10, 30, 100 and 300
// layers, the order-to-chaos line, and the initializers as labelled points. Pure.
import * as Plot from '@observablehq/plot';
import type { InitializerPoint, PhaseDiagram } from '../theory/phase-diagram.js';
import { RUN_COLORS } from './palette.js';
import type { PlotSpec } from './specs.js';

/** The depths the contours mark, in layers. */
const DEPTH_CONTOURS = [10, 30, 100, 300];
/** The colour scale's range of depths: shallower is one colour, deeper the other. */
const DEPTH_DOMAIN: [number, number] = [1, 1000];

const step = (v: number[]) => (v.length > 1 ? v[1] - v[0] : 1);

export function phaseDiagramSpec(d: PhaseDiagram): PlotSpec {
  const dw = step(d.weightVars);
  const db = step(d.biasVars);
  const cells = d.cells.flat().map((c) => ({
    x1: c.weightVar - dw / 2,
    x2: c.weightVar + dw / 2,
    y1: c.biasVar - db / 2,
    y2: c.biasVar + db / 2,
    depth:
      c.trainableDepth === null
        ? NaN
        : Math.min(Math.max(c.trainableDepth, DEPTH_DOMAIN[0]), DEPTH_DOMAIN[1]),
  }));
  // contours of log10(depth) on the grid; cells without a depth scale are left out of them
  const logDepth = d.cells
    .flat()
    .map((c) =>
      c.trainableDepth === null ? NaN : Math.log10(Math.min(Math.max(c.trainableDepth, 1), 1e6)),
    );
  const line = d.critical.filter(
    (c) => c.weightVar !== null && c.weightVar <= d.weightVars[d.weightVars.length - 1] + dw / 2,
  );
  const xMax = d.weightVars[d.weightVars.length - 1] + dw / 2;
  const xMin = d.weightVars[0] - dw / 2;
  const yMin = d.biasVars[0] - db / 2;
  const yMax = d.biasVars[d.biasVars.length - 1] + db / 2;
  const inside = (p: InitializerPoint) =>
    p.weightVar >= xMin && p.weightVar <= xMax && p.biasVar >= yMin && p.biasVar <= yMax;
  // fan-scaled initializers are labelled; a fixed scale's point moves with the width, so it is
  // a small dot named in the corner note, which keeps the crowd near σ_w² = 0 readable
  const inits = d.initializers
    .filter((p) => inside(p) && !p.scalesWithWidth)
    .map((p) => ({ ...p, label: pointLabel(p.names) }));
  const fixedScale = d.initializers.filter((p) => inside(p) && p.scalesWithWidth);
  const notes = [
    ...(fixedScale.length ? [`small dots, σ_w² ∝ width: ${placesOf(fixedScale)}`] : []),
    ...(d.initializers.some((p) => !inside(p))
      ? [`off the chart: ${placesOf(d.initializers.filter((p) => !inside(p)))}`]
      : []),
  ];
  return {
    width: 720,
    height: 460,
    marginTop: 40,
    marginRight: 24,
    marginLeft: 56,
    x: { label: 'σ_w² (weight variance × fan_in)', domain: [xMin, xMax] },
    y: { label: 'σ_b² (bias variance)', domain: [yMin, yMax] },
    color: {
      type: 'log',
      domain: DEPTH_DOMAIN,
      scheme: 'viridis',
      legend: false,
      unknown: '#dddddd',
    },
    marks: [
      Plot.text(
        [
          `${d.activation}: trainable depth 6ξ_c (shade; contours at ${DEPTH_CONTOURS.join(', ')} layers), order-to-chaos line (black)`,
        ],
        { frameAnchor: 'top', dy: -24, fontSize: 12, fontWeight: 'bold' },
      ),
      Plot.rect(cells, {
        x1: 'x1',
        x2: 'x2',
        y1: 'y1',
        y2: 'y2',
        fill: 'depth',
        shapeRendering: 'crispEdges',
      }),
      Plot.contour(logDepth, {
        width: d.weightVars.length,
        height: d.biasVars.length,
        x1: xMin,
        x2: xMax,
        y1: yMin,
        y2: yMax,
        thresholds: DEPTH_CONTOURS.map(Math.log10),
        stroke: 'white',
        strokeWidth: 1,
        strokeOpacity: 0.8,
        fill: null,
      }),
      Plot.line(line, { x: 'weightVar', y: 'biasVar', stroke: 'black', strokeWidth: 2.5 }),
      Plot.dot(fixedScale, { x: 'weightVar', y: 'biasVar', r: 3, fill: RUN_COLORS[4] }),
      Plot.dot(inits, {
        x: 'weightVar',
        y: 'biasVar',
        r: 5,
        fill: 'white',
        stroke: RUN_COLORS[4],
        strokeWidth: 2,
      }),
      // slanted labels: the initializers crowd along σ_b² = 0, a few tenths of σ_w² apart
      Plot.text(inits, {
        x: 'weightVar',
        y: 'biasVar',
        text: 'label',
        rotate: -40,
        textAnchor: 'start',
        dx: 7,
        dy: -7,
        fill: 'white',
        stroke: 'black',
        strokeWidth: 3,
        paintOrder: 'stroke',
        fontSize: 11,
      }),
      // the initializers beyond the axes (zeros' σ_w² = 0, random's 100 · width), named in a corner
      Plot.text(notes.length ? [notes.join('\n')] : [], {
        frameAnchor: 'top-right',
        dx: -6,
        dy: 6,
        fontSize: 10,
        fill: 'white',
        stroke: 'black',
        strokeWidth: 3,
        paintOrder: 'stroke',
        lineWidth: 60,
      }),
      Plot.frame(),
    ],
  };
}

/** Names for a point's label: the first few, then how many more (the table lists them all). */
function pointLabel(names: string[]): string {
  const shown = 3;
  return names.length <= shown
    ? names.join(', ')
    : `${names.slice(0, shown).join(', ')} +${names.length - shown}`;
}

/** Points with their places: `zeros (0, 0); random (10000, 0)`. */
const placesOf = (points: InitializerPoint[]) =>
  points
    .map(
      (p) =>
        `${pointLabel(p.names)} (${Number(p.weightVar.toPrecision(4))}, ${Number(p.biasVar.toPrecision(4))})`,
    )
    .join('; ');

/** A colour key for the phase diagram's shading: depth in layers along a log axis. */
export function phaseDiagramLegendSpec(): PlotSpec {
  const stops = Array.from({ length: 61 }, (_, i) => 10 ** ((3 * i) / 60));
  return {
    width: 720,
    height: 70,
    marginTop: 10,
    marginLeft: 56,
    marginRight: 24,
    x: {
      type: 'log',
      domain: DEPTH_DOMAIN,
      label: 'trainable depth 6ξ_c (layers; grey: no depth scale, the signal grows without bound)',
      tickFormat: '~s',
    },
    y: { axis: null },
    color: { type: 'log', domain: DEPTH_DOMAIN, scheme: 'viridis' },
    marks: [
      Plot.rect(stops.slice(0, -1), {
        x1: (s: number) => s,
        x2: (_s: number, i: number) => stops[i + 1],
        y1: 0,
        y2: 1,
        fill: (s: number) => s,
      }),
    ],
  };
}
