// The report folder: every figure as SVG and PNG, costs.csv, results.json and a
// self-contained index.html; written aside and swapped in as a whole.
import { accuracyTitle, percent, percentOrNone } from '../format.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCsv } from '../data/csv.js';
import type { Dataset } from '../data/dataset.js';
import type { RunOutput } from '../experiments/run.js';
import { plotExtent, probabilityGrid } from '../plot/grid.js';
import {
  combinedCostSpec,
  costCurveSpec,
  datasetSpec,
  decisionBoundarySpec,
  histogramSpec,
  layerStatsSpec,
} from '../plot/specs.js';
import { shareLayerAxes } from '../plot/histograms.js';
import { seriesColors } from '../plot/palette.js';
import { getKernels } from '../nn/backends.js';
import { activationHistograms } from '../train/diagnostics.js';
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
  /** The run doctor's lines (train/doctor.ts describeDiagnosis), when the caller ran it. */
  doctor?: string[];
}

export interface ReportInput {
  title: string;
  version: string;
  runs: ReportRun[];
  train: Dataset;
  /** null: the runs have no test set (their test accuracy shows as "no test set"). */
  test: Dataset | null;
  /** Shown as the configuration list. */
  config: [string, string][];
  /** The --json document, written as results.json. */
  results: unknown;
  /** Draw the test points on the decision boundaries too. */
  showTest?: boolean;
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** costs.csv: one row per traced iteration, one column per run (empty where a run has no value). */
export function costsCsv(runs: ReportRun[]): string {
  const iterations = [...new Set(runs.flatMap((r) => r.output.trace.map((p) => p.iteration)))].sort(
    (a, b) => a - b,
  );
  const maps = runs.map((r) => new Map(r.output.trace.map((p) => [p.iteration, p.cost])));
  const rows: (string | number)[][] = [['iteration', ...runs.map((r) => r.label)]];
  for (const it of iterations) rows.push([it, ...maps.map((m) => m.get(it) ?? '')]);
  return formatCsv(rows);
}

/** A report folder being written: files now, PNGs rasterized in parallel until settle(). */
class ReportFolder {
  readonly files: string[] = [];
  private readonly pngs: Promise<void>[] = [];
  constructor(private readonly dir: string) {}

  put(name: string, data: string | Uint8Array): void {
    writeFileSync(join(this.dir, name), data);
    this.files.push(name);
  }

  /** Writes the SVG, queues its PNG; returns the figure for the page. */
  figure(name: string, title: string, fig: Figure): HtmlFigure {
    this.put(`${name}.svg`, fig.svg);
    this.files.push(`${name}.png`);
    this.pngs.push(
      svgToPng(fig.svg).then((png) => writeFileSync(join(this.dir, `${name}.png`), png)),
    );
    return { title, svg: fig.svg, png: `${name}.png` };
  }

  /** Waits for every PNG (all of them, even after a failure, so none writes into a removed folder). */
  async settle(): Promise<void> {
    const results = await Promise.allSettled(this.pngs);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }
}

/** Writes the report into `dir` (replacing an earlier initlab report there as a whole); returns the files written. */
export async function writeReport(dir: string, input: ReportInput): Promise<string[]> {
  return replaceDirAtomic(dir, 'report', async (tmp) => {
    const out = new ReportFolder(tmp);
    try {
      composeReport(out, input);
    } finally {
      await out.settle();
    }
    return out.files;
  });
}

/** A run's activation std at `layer` when its first diagnostics are those at initialization (iteration 0). */
function initialStd(r: ReportRun, layer: number): number | undefined {
  const first = r.output.result.diagnostics[0];
  return first?.iteration === 0 ? first.layers[layer - 1]?.activation.std : undefined;
}

function composeReport(out: ReportFolder, input: ReportInput): void {
  const uniqueNames = new Map<string, number>();
  const nameOf = (label: string) => {
    const base = slug(label) || 'run';
    const n = (uniqueNames.get(base) ?? 0) + 1;
    uniqueNames.set(base, n);
    return n > 1 ? `${base}-${n}` : base;
  };

  const extent = plotExtent(input.train);
  const dataFig = out.figure(
    'dataset',
    'The data',
    renderFigure(
      datasetSpec(
        input.train,
        input.test,
        input.test ? 'The data: train (filled) and test (rings)' : 'The data: train (no test set)',
        extent,
      ),
    ),
  );

  const boundaries: Figure[] = [];
  const runFigures: HtmlFigure[] = [];
  for (const r of input.runs) {
    const name = nameOf(r.label);
    const res = r.output.result;
    runFigures.push(
      out.figure(
        `${name}-cost`,
        `Cost, ${r.label}`,
        renderFigure(
          costCurveSpec(
            [{ label: r.label, init: r.short, points: r.output.trace }],
            `Cost with ${r.label} (learning rate ${res.learningRate})`,
          ),
        ),
      ),
    );
    const points = input.showTest && input.test ? input.test : input.train;
    const title = accuracyTitle(r.short, res.trainAccuracy, res.testAccuracy);
    const fig = renderFigure(
      decisionBoundarySpec(probabilityGrid(r.output.network, 120, extent), points, title),
    );
    boundaries.push(fig);
    runFigures.push(out.figure(`${name}-boundary`, `Decision boundary, ${r.label}`, fig));
  }

  // per-layer views: the activations' spread at initialization and after, and their histograms at initialization
  const stats = (d: RunOutput['result']['diagnostics'][number] | undefined) =>
    d ? d.layers.map((l) => ({ layer: l.layer, value: l.activation.std })) : [];
  const layerFigures: HtmlFigure[] = [];
  if (input.runs.every((r) => r.output.result.diagnostics.length)) {
    const series = input.runs.map((r) => ({
      label: r.short,
      init: r.short,
      start: stats(r.output.result.diagnostics[0]),
      end: stats(r.output.result.diagnostics.at(-1)),
    }));
    layerFigures.push(
      out.figure(
        'layers-activation-std',
        'Activation spread by layer',
        renderFigure(layerStatsSpec(series, 'activation std by layer')),
      ),
    );
    // one small histogram per run and layer; a layer's histograms share one x axis, so ×10
    // weights reaching hundreds and He staying near 1 show as the difference they are
    const colors = seriesColors(input.runs.map((r) => r.short));
    const histograms = input.runs.map((r) =>
      activationHistograms(r.output.initial, input.train.X, getKernels()),
    );
    const shared = shareLayerAxes(
      histograms.map((hs) => hs.map((h) => h.bins)),
      20,
    );
    const cells = input.runs.flatMap((r, i) =>
      histograms[i].map((h, l) =>
        renderFigure(
          histogramSpec(shared.bins[i][l], `${r.short}, layer ${h.layer}`, colors[i].line, {
            domain: shared.ranges[l],
            std: initialStd(r, h.layer),
          }),
        ),
      ),
    );
    layerFigures.push(
      out.figure(
        'layers-histograms',
        'Activations at initialization: a row per run, a column per layer (each column on one x axis)',
        composeGrid(
          cells,
          input.runs[0].output.initial.W.length,
          'Histograms of the activations at initialization: a row per run, a column per layer, each column on one shared x axis',
        ),
      ),
    );
  }

  const compare: HtmlFigure[] = [];
  if (input.runs.length > 1) {
    compare.push(
      out.figure(
        'compare-costs',
        'Cost curves side by side',
        renderFigure(
          combinedCostSpec(
            input.runs.map((r) => ({ label: r.short, init: r.short, points: r.output.trace })),
            'Cost curves',
          ),
        ),
      ),
    );
    compare.push(
      out.figure(
        'compare-boundaries',
        'Decision boundaries side by side',
        composeGrid(
          boundaries,
          Math.min(3, boundaries.length),
          `Decision boundaries side by side: ${input.runs.map((r) => r.short).join(', ')}`,
        ),
      ),
    );
  }

  out.put('costs.csv', costsCsv(input.runs));
  out.put('results.json', `${JSON.stringify(input.results, null, 2)}\n`);
  const others = [...out.files];
  out.put(
    'index.html',
    reportHtml({
      title: input.title,
      version: input.version,
      created: new Date().toISOString(),
      config: input.config,
      table: {
        head: [
          'Initialization',
          'Train accuracy',
          'Test accuracy',
          'Final cost',
          'Training time',
          'Verdict',
        ],
        rows: input.runs.map((r) => {
          const res = r.output.result;
          return [
            r.label,
            percent(res.trainAccuracy),
            percentOrNone(res.testAccuracy),
            Number.isFinite(res.finalCost) ? res.finalCost.toPrecision(4) : String(res.finalCost),
            `${res.seconds.toFixed(2)} s`,
            r.verdict,
          ];
        }),
      },
      sections: [
        ...(compare.length ? [{ heading: 'Side by side', figures: compare }] : []),
        ...(layerFigures.length
          ? [
              {
                heading: 'Inside the network',
                text: "Per-layer statistics on the training data (diagnostics in results.json): how widely each layer's activations spread at initialization and after training, and their histograms at initialization.",
                figures: layerFigures,
              },
            ]
          : []),
        ...(input.runs.some((r) => r.doctor)
          ? [
              {
                heading: 'Run doctor',
                text: input.runs
                  .map(
                    (r) =>
                      `${r.label}: ${(r.doctor ?? ['not examined']).map((line) => line.replace(/^doctor: /, '')).join(' ')}`,
                  )
                  .join(' · '),
                figures: [],
              },
            ]
          : []),
        {
          heading: 'Each run',
          text: "Cost curves (iterations on x) and decision boundaries: shading is the model's probability of label 1 (orange below 0.5, purple above; the key beside each plot), the black line its 0.5 boundary (none when the model predicts the same everywhere), rings the training points coloured by their label.",
          figures: runFigures,
        },
        { heading: 'The data', figures: [dataFig] },
      ],
      files: others,
    }),
  );
}
