// Figures to files: Observable Plot renders a spec into linkedom's DOM, resvg rasterizes
// the SVG (off the main thread, so several PNGs render at once).
import { existsSync } from 'node:fs';
import * as Plot from '@observablehq/plot';
import { renderAsync } from '@resvg/resvg-js';
import { parseHTML } from 'linkedom/worker'; // the one-file build: loads in half the time
import { maxOf } from '../extent.js';
import { accessibleName, nameChart } from '../plot/accessible.js';
import type { PlotSpec } from '../plot/specs.js';

const SVG_NS = 'http://www.w3.org/2000/svg';
const { document } = parseHTML('<!doctype html><html><head></head><body></body></html>');

/** A rendered figure: the DOM element (to compose) and its markup (to write). */
export interface Figure {
  element: Element;
  svg: string;
}

function finish(el: Element): Figure {
  el.setAttribute('xmlns', SVG_NS); // resvg needs the namespace on the root
  return { element: el, svg: el.outerHTML };
}

/** One spec as a standalone SVG figure, named for assistive technology (see plot/accessible.ts). */
export function renderFigure(spec: PlotSpec): Figure {
  const el = Plot.plot({ ...spec, document } as Plot.PlotOptions) as unknown as Element;
  if (el.tagName.toLowerCase() !== 'svg')
    throw new Error('a figure spec must render to a bare <svg> (no title, caption or HTML legend)');
  return finish(nameChart(el, accessibleName(spec)));
}

/** Rendered figures side by side in one SVG (small multiples), `columns` per row, the whole named `name`; each row as tall as its tallest figure. */
export function composeGrid(figures: Figure[], columns: number, name: string): Figure {
  const cellW = maxOf(figures.map((f) => Number(f.element.getAttribute('width'))));
  const cols = Math.min(columns, figures.length);
  const rows = Math.ceil(figures.length / columns);
  const rowH = Array.from({ length: rows }, (_, r) =>
    maxOf(
      figures
        .slice(r * columns, (r + 1) * columns)
        .map((f) => Number(f.element.getAttribute('height'))),
    ),
  );
  const rowTop = rowH.map((_, r) => rowH.slice(0, r).reduce((a, b) => a + b, 0));
  const height = rowH.reduce((a, b) => a + b, 0);
  const root = document.createElementNS(SVG_NS, 'svg');
  for (const [k, v] of Object.entries({
    width: cellW * cols,
    height,
    viewBox: `0 0 ${cellW * cols} ${height}`,
  }))
    root.setAttribute(k, String(v));
  const bg = document.createElementNS(SVG_NS, 'rect');
  for (const [k, v] of Object.entries({ width: '100%', height: '100%', fill: 'white' }))
    bg.setAttribute(k, v);
  root.appendChild(bg);
  nameChart(root, name);
  figures.forEach((f, i) => {
    const cell = f.element.cloneNode(true) as Element;
    cell.removeAttribute('xmlns');
    cell.setAttribute('x', String((i % columns) * cellW));
    cell.setAttribute('y', String(rowTop[Math.floor(i / columns)]));
    root.appendChild(cell);
  });
  return finish(root);
}

// One known font instead of scanning every system font for each image, where present.
const FONT_FILES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
].filter(existsSync);
const FONT = FONT_FILES.length
  ? {
      loadSystemFonts: false,
      fontFiles: FONT_FILES,
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    }
  : { loadSystemFonts: true };

/** An SVG rasterized at `zoom`× (2× by default, for sharp screens) on white. */
export async function svgToPng(svg: string, zoom = 2): Promise<Buffer> {
  const image = await renderAsync(svg, {
    fitTo: { mode: 'zoom', value: zoom },
    background: 'white',
    font: FONT,
  });
  return image.asPng();
}
