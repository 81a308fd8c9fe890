// The sweep folder: results.json, sweep.csv, the distribution of outcomes as SVG and PNG, and a page.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCsv } from '../data/csv.js';
import type { SweepRow, SweepSummary } from '../experiments/sweep.js';
import { sweepSpec } from '../plot/specs.js';
import { replaceDirAtomic } from './atomic.js';
import { reportHtml } from './html.js';
import { renderFigure, svgToPng } from './render.js';

export interface SweepDocument {
  runs: SweepRow[];
  summary: SweepSummary[];
  workers: number;
  seconds: number;
  train: string;
  /** The test SPEC actually used, or null (no test set). */
  test: string | null;
  version: string;
}

/** sweep.csv: a header, then one line per run (CSV quoting by d3-dsv, so a SPEC's commas stay in its cell). */
export function sweepCsv(rows: SweepRow[]): string {
  const out: (string | number)[][] = [
    ['init', 'seed', 'learningRate', 'finalCost', 'trainAccuracy', 'testAccuracy', 'stopReason'],
  ];
  for (const r of rows)
    out.push([
      r.init,
      r.seed,
      r.learningRate,
      r.finalCost,
      r.trainAccuracy,
      r.testAccuracy ?? '',
      r.stopReason,
    ]);
  return formatCsv(out);
}

/** Writes the sweep folder into `dir` (replacing an earlier initlab folder there as a whole); returns the files written. */
export async function writeSweepReport(dir: string, doc: SweepDocument): Promise<string[]> {
  return replaceDirAtomic(dir, 'sweep', async (tmp) => {
    const noTest = doc.test === null;
    const fig = renderFigure(
      sweepSpec(doc.runs, 'initlab sweep', noTest ? 'trainAccuracy' : 'testAccuracy'),
    );
    writeFileSync(join(tmp, 'distribution.svg'), fig.svg);
    writeFileSync(join(tmp, 'distribution.png'), await svgToPng(fig.svg));
    writeFileSync(join(tmp, 'sweep.csv'), sweepCsv(doc.runs));
    writeFileSync(join(tmp, 'results.json'), `${JSON.stringify(doc, null, 2)}\n`);
    // a group whose every run diverged has no statistics; a sweep without a test set has no test accuracy
    const s = (x: { mean: number; std: number } | null, g: SweepSummary) =>
      x
        ? `${x.mean.toFixed(4)} ± ${x.std.toFixed(4)}`
        : g.summarized
          ? 'no test set'
          : 'all diverged';
    writeFileSync(
      join(tmp, 'index.html'),
      reportHtml({
        title: 'initlab sweep',
        version: doc.version,
        created: new Date().toISOString(),
        config: [
          ['training data', doc.train],
          ['test data', doc.test ?? 'no test set (CSV training data; name one with --test)'],
          ['runs', String(doc.runs.length)],
          ['workers', String(doc.workers)],
          ['time', `${doc.seconds.toFixed(1)} s`],
        ],
        table: {
          head: [
            'Initialization',
            'Learning rate',
            'Runs',
            'Diverged',
            'Final cost',
            'Train accuracy',
            'Test accuracy',
          ],
          rows: doc.summary.map((r) => [
            r.init,
            String(r.learningRate),
            String(r.runs),
            String(r.diverged),
            s(r.finalCost, r),
            s(r.trainAccuracy, r),
            s(r.testAccuracy, r),
          ]),
        },
        sections: [
          {
            heading: 'Distribution',
            figures: [
              {
                title: `${noTest ? 'Train accuracy (no test set)' : 'Test accuracy'} of every run (dots) and the mean (tick)`,
                svg: fig.svg,
                png: 'distribution.png',
              },
            ],
          },
        ],
        files: ['results.json', 'sweep.csv', 'distribution.svg', 'distribution.png'],
      }),
    );
    return ['distribution.svg', 'distribution.png', 'sweep.csv', 'results.json', 'index.html'];
  });
}
