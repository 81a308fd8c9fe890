// The report folder: every figure as SVG and PNG, costs.csv, results.json and a
// self-contained index.html; written aside and swapped in as a whole.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Dataset } from '../data/dataset.js';
import type { RunOutput } from '../experiments/run.js';
import { probabilityGrid } from '../plot/grid.js';
import { costCurveSpec, datasetSpec, decisionBoundarySpec } from '../plot/specs.js';
import { replaceDirAtomic } from './atomic.js';
import { reportHtml, type HtmlFigure } from './html.js';
import { composeGrid, type Figure, renderFigure, svgToPng } from './render.js';

export interface ReportRun {
  /** e.g. "He initialization" */
  label: string;
  /** e.g. "he": for crowded places (small multiples, line labels) */
  short: string;
  output: RunOutput;
  verdict: string;
}

export interface ReportInput {
  title: string;
  version: string;
  runs: ReportRun[];
  train: Dataset;
  test: Dataset;
  /** Shown as the configuration list. */
  config: [string, string][];
  /** The --json document, written as results.json. */
  results: unknown;
  /** Draw the test points on the decision boundaries too. */
  showTest?: boolean;
}

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/** costs.csv: one row per traced iteration, one column per run (empty where a run has no value). */
export function costsCsv(runs: ReportRun[]): string {
  const iterations = [...new Set(runs.flatMap((r) => r.output.trace.map((p) => p.iteration)))].sort((a, b) => a - b);
  const maps = runs.map((r) => new Map(r.output.trace.map((p) => [p.iteration, p.cost])));
  const header = ['iteration', ...runs.map((r) => r.label)].map((h) => (/[",\n]/.test(h) ? `"${h.replace(/"/g, '""')}"` : h)).join(',');
  const lines = iterations.map((it) => [String(it), ...maps.map((m) => (m.has(it) ? String(m.get(it)) : ''))].join(','));
  return `${header}\n${lines.join('\n')}\n`;
}

/** The notebook's [-1.5, 1.5]² unless the data reaches beyond it (the flower does), then a square around it all. */
export function plotExtent(d: Dataset): [number, number] {
  let r = 1.5;
  for (let i = 0; i < d.X.data.length; i++) r = Math.max(r, Math.abs(d.X.data[i]) * 1.1);
  r = r === 1.5 ? r : Math.ceil(r * 2) / 2;
  return [-r, r];
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/** Writes the report into `dir` (replacing an earlier report there as a whole); returns the files written. */
export async function writeReport(dir: string, input: ReportInput): Promise<string[]> {
  const files: string[] = [];
  await replaceDirAtomic(dir, async (tmp) => {
    mkdirSync(tmp, { recursive: true });
    const put = (name: string, data: string | Uint8Array) => {
      writeFileSync(join(tmp, name), data);
      files.push(name);
    };
    const pngs: Promise<void>[] = []; // rasterized in parallel, awaited before the folder is swapped in
    const figure = (name: string, title: string, fig: Figure): HtmlFigure => {
      put(`${name}.svg`, fig.svg);
      files.push(`${name}.png`);
      pngs.push(svgToPng(fig.svg).then((png) => writeFileSync(join(tmp, `${name}.png`), png)));
      return { title, svg: fig.svg, png: `${name}.png` };
    };
    const uniqueNames = new Map<string, number>();
    const nameOf = (label: string) => {
      const base = slug(label) || 'run';
      const n = (uniqueNames.get(base) ?? 0) + 1;
      uniqueNames.set(base, n);
      return n > 1 ? `${base}-${n}` : base;
    };

    const dataFig = figure('dataset', 'The data', renderFigure(datasetSpec(input.train, input.test, 'The data: train (filled) and test (rings)', plotExtent(input.train))));

    const boundaries: Figure[] = [];
    const extent = plotExtent(input.train);
    const runFigures: HtmlFigure[] = [];
    for (const r of input.runs) {
      const name = nameOf(r.label);
      const res = r.output.result;
      runFigures.push(figure(`${name}-cost`, `Cost, ${r.label}`, renderFigure(costCurveSpec([{ label: r.label, points: r.output.trace }], `Cost with ${r.label} (learning rate ${res.learningRate})`))));
      const points = input.showTest ? input.test : input.train;
      const title = `${r.short}: train ${pct(res.trainAccuracy)}, test ${pct(res.testAccuracy)}`;
      const fig = renderFigure(decisionBoundarySpec(probabilityGrid(r.output.network, 120, extent), points, title));
      boundaries.push(fig);
      runFigures.push(figure(`${name}-boundary`, `Decision boundary, ${r.label}`, fig));
    }

    const compare: HtmlFigure[] = [];
    if (input.runs.length > 1) {
      compare.push(figure('compare-costs', 'Cost curves side by side', renderFigure(costCurveSpec(input.runs.map((r) => ({ label: r.short, points: r.output.trace })), 'Cost curves'))));
      compare.push(figure('compare-boundaries', 'Decision boundaries side by side', composeGrid(boundaries, Math.min(3, boundaries.length))));
    }

    put('costs.csv', costsCsv(input.runs));
    put('results.json', `${JSON.stringify(input.results, null, 2)}\n`);
    const others = [...files];
    put('index.html', reportHtml({
      title: input.title,
      version: input.version,
      created: new Date().toISOString(),
      config: input.config,
      table: {
        head: ['Initialization', 'Train accuracy', 'Test accuracy', 'Final cost', 'Training time', 'Verdict'],
        rows: input.runs.map((r) => {
          const res = r.output.result;
          return [r.label, pct(res.trainAccuracy), pct(res.testAccuracy), Number.isFinite(res.finalCost) ? res.finalCost.toPrecision(4) : String(res.finalCost), `${res.seconds.toFixed(2)} s`, r.verdict];
        }),
      },
      sections: [
        ...(compare.length ? [{ heading: 'Side by side', figures: compare }] : []),
        { heading: 'Each run', text: 'Cost curves (iterations on x) and decision boundaries: shading is the model\'s probability of label 1 (orange below 0.5, purple above), the black line its 0.5 boundary, rings the training points coloured by their label.', figures: runFigures },
        { heading: 'The data', figures: [dataFig] },
      ],
      files: others,
    }));
    await Promise.all(pngs);
  });
  return files;
}
