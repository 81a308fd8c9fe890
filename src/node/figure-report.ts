// A report folder of a few figures (`probe --out`, `theory --phase-diagram --out`): each figure
// as SVG and 2× PNG, results.json (the command's `--json` document) and an index.html with
// the configuration and a table. Replaced as a whole, under the marker rules of node/outputs.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toJson } from '../cli/json.js';
import type { PlotSpec } from '../plot/specs.js';
import { replaceDirAtomic } from './atomic.js';
import { reportHtml } from './html.js';
import { composeGrid, renderFigure, svgToPng } from './render.js';

export interface FigureReport {
  title: string;
  config: [string, string][];
  table: { head: string[]; rows: string[][] };
  /** One section per figure; `panels` are drawn side by side, `columns` to a row, as `name`.svg/.png. */
  figures: {
    name: string;
    heading: string;
    text: string;
    caption: string;
    panels: PlotSpec[];
    columns?: number;
  }[];
  results: unknown;
}

/** Writes `dir` (replacing an earlier initlab report only); returns the files written. */
export async function writeFigureReport(
  dir: string,
  r: FigureReport,
  version: string,
): Promise<string[]> {
  return replaceDirAtomic(dir, 'report', async (tmp) => {
    const files: string[] = [];
    const sections = [];
    for (const f of r.figures) {
      const { svg } =
        f.panels.length === 1
          ? renderFigure(f.panels[0])
          : composeGrid(f.panels.map(renderFigure), f.columns ?? f.panels.length, f.caption);
      writeFileSync(join(tmp, `${f.name}.svg`), svg);
      writeFileSync(join(tmp, `${f.name}.png`), await svgToPng(svg));
      files.push(`${f.name}.svg`, `${f.name}.png`);
      sections.push({
        heading: f.heading,
        text: f.text,
        figures: [{ title: f.caption, svg, png: `${f.name}.png` }],
      });
    }
    writeFileSync(join(tmp, 'results.json'), `${toJson(r.results)}\n`);
    files.push('results.json', 'index.html');
    const html = reportHtml({
      title: r.title,
      version,
      created: new Date().toISOString(),
      config: [...r.config, ['initlab', version]],
      table: r.table,
      sections,
      files,
    });
    writeFileSync(join(tmp, 'index.html'), html);
    return files;
  });
}
