// The probe's report folder (`initlab probe --out DIR`): the figure of the measured network
// beside the mean-field theory (SVG and 2× PNG), results.json (the `--json` document) and an
// index.html with the configuration and the per-layer table. Replaced as a whole, under the
// marker rules of node/outputs.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toJson } from '../cli/json.js';
import type { ProbeResult } from '../experiments/probe.js';
import type { ProbeTheoryLayer } from '../experiments/probe-theory.js';
import { probeTheorySpecs } from '../plot/probe-theory-spec.js';
import { replaceDirAtomic } from './atomic.js';
import { reportHtml } from './html.js';
import { composeGrid, renderFigure, svgToPng } from './render.js';

const short = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? '—' : x.toPrecision(4));

/** Writes `dir` (replacing an earlier initlab report only); `config` is shown as given. Returns the files written. */
export async function writeProbeReport(dir: string, r: ProbeResult, theory: ProbeTheoryLayer[], config: [string, string][], version: string): Promise<string[]> {
  return replaceDirAtomic(dir, 'report', async (tmp) => {
    const { svg } = composeGrid(probeTheorySpecs(r, theory).map(renderFigure), 3);
    writeFileSync(join(tmp, 'probe-theory.svg'), svg);
    writeFileSync(join(tmp, 'probe-theory.png'), await svgToPng(svg));
    writeFileSync(join(tmp, 'results.json'), `${toJson({ ...r, theory })}\n`);
    const files = ['probe-theory.svg', 'probe-theory.png', 'results.json', 'index.html'];
    const html = reportHtml({
      title: 'initlab probe: the measured network beside mean-field theory',
      version,
      created: new Date().toISOString(),
      config: [...config, ['initlab', version]],
      table: {
        head: ['layer', 'q', 'theory q', 'c', 'theory c', 'backprop RMS', 'theory backprop RMS'],
        rows: r.layers.map((l, i) => [String(l.layer), short(l.q), short(theory[i]?.q), short(l.c), short(theory[i]?.c), short(l.backprop), short(theory[i]?.backprop)]),
      },
      sections: [{
        heading: 'Theory beside measurement',
        text: `Lines: the mean-field maps (Poole et al. 2016; Schoenholz et al. 2017) from each layer's own σ_w² and σ_b² as drawn; dots: this network.${r.stopReason === 'diverged' ? ` The probe stopped at layer ${r.divergedAt}: ${r.divergence}.` : ''}`,
        figures: [{ title: 'q^l, c^l and the back-propagated gradient per layer', svg, png: 'probe-theory.png' }],
      }],
      files,
    });
    writeFileSync(join(tmp, 'index.html'), html);
    return files;
  });
}
