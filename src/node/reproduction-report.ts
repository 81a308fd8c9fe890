// The reproductions' report folder: one figure per reproduction (SVG and PNG), results.json,
// and an index.html with the verdicts, every check and the sources.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toJson } from '../cli/json.js';
import { reproductionSpec } from '../plot/reproduction-spec.js';
import { describeTarget, type ReproductionResult, sixDigits } from '../reproduce/result.js';
import { replaceDirAtomic } from './atomic.js';
import { reportHtml } from './html.js';
import { renderFigure, svgToPng } from './render.js';

/** Writes `dir` as a whole (replacing an earlier initlab report only); returns the files written. */
export async function writeReproductionReport(
  dir: string,
  results: ReproductionResult[],
  version: string,
): Promise<string[]> {
  return replaceDirAtomic(dir, 'report', async (tmp) => {
    const files: string[] = [];
    const sections = [];
    for (const r of results) {
      const { svg } = renderFigure(reproductionSpec(r.figure));
      writeFileSync(join(tmp, `${r.name}.svg`), svg);
      writeFileSync(join(tmp, `${r.name}.png`), await svgToPng(svg));
      files.push(`${r.name}.svg`, `${r.name}.png`);
      sections.push({
        heading: `${r.pass ? 'PASS' : 'FAIL'} · ${r.name}: ${r.title}`,
        text: `${r.claim}. Setup: ${r.setup}. Checks: ${r.checks.map((c) => `${c.pass ? 'ok' : 'FAIL'} ${c.what} = ${sixDigits(c.measured)} (${describeTarget(c)})`).join('; ')}. Sources: ${r.sources.join('; ')}.`,
        figures: [
          {
            title: `${r.name}: lines are the theory, dots the measured network`,
            svg,
            png: `${r.name}.png`,
          },
        ],
      });
    }
    writeFileSync(
      join(tmp, 'results.json'),
      `${toJson({ reproductions: results, pass: results.every((r) => r.pass) })}\n`,
    );
    files.push('results.json');
    const html = reportHtml({
      title: 'initlab reproduce: published results about initialization',
      version,
      created: new Date().toISOString(),
      config: [
        ['reproductions', results.map((r) => r.name).join(', ')],
        ['size', results.some((r) => r.quick) ? 'quick' : 'full'],
        ['initlab', version],
      ],
      table: {
        head: ['reproduction', 'verdict', 'checks passed', 'seconds'],
        rows: results.map((r) => [
          r.name,
          r.pass ? 'PASS' : 'FAIL',
          `${r.checks.filter((c) => c.pass).length} of ${r.checks.length}`,
          r.seconds.toFixed(1),
        ]),
      },
      sections,
      files: [...files, 'index.html'],
    });
    writeFileSync(join(tmp, 'index.html'), html);
    files.push('index.html');
    return files;
  });
}
