// A reproduction's figure: the theory (or the published formula) as lines, the finite
// network's measurement as dots, one colour per series (an initializer's own where a series
// is named after one).
import * as Plot from '@observablehq/plot';
import type { Figure } from '../reproduce/result.js';
import { maxOf } from '../extent.js';
import { seriesColors } from './palette.js';
import { endLabels } from './dodge.js';
import { decadeTicks, plainTicks, positiveRange } from './ticks.js';
import type { PlotSpec } from './specs.js';

export function reproductionSpec(fig: Figure): PlotSpec {
  const names = [...new Set(fig.points.map((p) => p.series))];
  const colors = seriesColors(names);
  const rows = fig.points.map((p) => ({
    ...p,
    color: colors[names.indexOf(p.series)].line,
    text: colors[names.indexOf(p.series)].text,
  }));
  const theory = rows.filter((r) => r.kind === 'theory');
  const measured = rows.filter((r) => r.kind === 'measured');
  const xs = [...new Set(rows.map((r) => r.x))].sort((a, b) => a - b);
  // series labels at the end (first or last x) where the curves are farthest apart, dodged where they still meet
  const gapAt = (x: number) => {
    const ys = theory
      .filter((r) => r.x === x)
      .map((r) => (fig.logY ? Math.log(r.y) : r.y))
      .sort((a, b) => a - b);
    let gap = Infinity;
    for (let i = 1; i < ys.length; i++) gap = Math.min(gap, ys[i] - ys[i - 1]);
    return gap;
  };
  const atStart = gapAt(xs[0]) > gapAt(xs[xs.length - 1]);
  const labelX = atStart ? xs[0] : xs[xs.length - 1];
  const integerX = xs.every(Number.isInteger) && xs.length <= 40;
  // each series is named at its line's end, or at its last dot where it has no line (he2015's
  // training costs are measured only): a figure never shows dots nobody can tell apart
  const labels = names.flatMap((name) => {
    const line = theory.filter((r) => r.series === name && r.x === labelX);
    if (line.length) return line.slice(0, 1);
    const dots = measured.filter((r) => r.series === name).sort((a, b) => a.x - b.x);
    return dots.length ? [atStart ? dots[0] : dots[dots.length - 1]] : [];
  });
  return {
    width: 680,
    height: 340,
    marginRight: atStart ? 24 : 16 + 7 * maxOf(names.map((n) => n.length)),
    marginLeft: atStart ? 56 + 7 * maxOf(names.map((n) => n.length)) : 56,
    ariaLabel: `${fig.y} against ${fig.x}${fig.logY ? ' (log scale)' : ''}: ${names.join(', ')}; lines theory, dots measured`,
    x: {
      label: fig.x,
      grid: true,
      ...(integerX ? { ticks: xs, tickFormat: 'd' } : { tickFormat: plainTicks }),
    },
    y: {
      label: `${fig.y}${fig.logY ? ' (log scale)' : ''}`,
      type: fig.logY ? 'log' : 'linear',
      grid: true,
      tickFormat: plainTicks,
      ...(fig.logY
        ? { ticks: decadeTicks(...(positiveRange(rows.map((r) => r.y)) ?? [0.1, 1])) }
        : {}),
    },
    marks: [
      Plot.line(theory, { x: 'x', y: 'y', z: 'series', stroke: 'color', strokeWidth: 2 }),
      Plot.dot(measured, { x: 'x', y: 'y', stroke: 'color', r: 3.5 }),
      endLabels(labels, {
        x: 'x',
        y: 'y',
        text: 'series',
        fill: 'text',
        textAnchor: atStart ? 'end' : 'start',
        dx: atStart ? -44 : 8,
      }),
      Plot.text([`lines: theory · dots: measured`], {
        frameAnchor: 'top-right',
        dy: -14,
        fontSize: 11,
      }),
    ],
  };
}
