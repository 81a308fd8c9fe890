// index.html of a report: one self-contained page (figures inline, no network) that a
// person can send to a colleague.

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface HtmlFigure {
  title: string;
  svg: string;
  png: string;
}

export interface HtmlReport {
  title: string;
  version: string;
  created: string;
  config: [string, string][];
  table: { head: string[]; rows: string[][] };
  sections: { heading: string; text?: string; figures: HtmlFigure[] }[];
  files: string[];
}

export function reportHtml(r: HtmlReport): string {
  const cell = (tag: string, s: string) => `<${tag}>${escapeHtml(s)}</${tag}>`;
  const figure = (f: HtmlFigure) =>
    `<figure>${f.svg}<figcaption>${escapeHtml(f.title)} · <a href="${escapeHtml(f.png)}">PNG</a></figcaption></figure>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(r.title)}</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1320px; padding: 0 1rem; color: #222; }
  table { border-collapse: collapse; margin: 1rem 0; }
  th, td { border-bottom: 1px solid #ddd; padding: .35rem .8rem; text-align: left; }
  td.num { text-align: right; font-variant-numeric: tabular-nums; }
  dl { display: grid; grid-template-columns: max-content auto; gap: .2rem 1rem; }
  dt { font-weight: 600; }
  .figures { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start; }
  figure { margin: 0; }
  figure svg { max-width: 100%; height: auto; }
  figcaption { font-size: .85rem; color: #555; }
  footer { margin-top: 2rem; font-size: .85rem; color: #666; }
</style>
</head>
<body>
<h1>${escapeHtml(r.title)}</h1>
<h2>Comparison</h2>
<table id="comparison">
<thead><tr>${r.table.head.map((h) => cell('th', h)).join('')}</tr></thead>
<tbody>
${r.table.rows.map((row) => `<tr>${row.map((c, i) => (i > 0 && i < 5 ? `<td class="num">${escapeHtml(c)}</td>` : cell('td', c))).join('')}</tr>`).join('\n')}
</tbody>
</table>
<h2>Configuration</h2>
<dl>${r.config.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>
${r.sections
  .map(
    (s) =>
      `<section>\n<h2>${escapeHtml(s.heading)}</h2>\n${s.text ? `<p>${escapeHtml(s.text)}</p>\n` : ''}<div class="figures">${s.figures.map(figure).join('\n')}</div>\n</section>`,
  )
  .join('\n')}
<footer>Written by initlab ${escapeHtml(r.version)} on ${escapeHtml(r.created)}. Files beside this page: ${r.files.map((f) => `<a href="${escapeHtml(f)}">${escapeHtml(f)}</a>`).join(', ')}.</footer>
</body>
</html>
`;
}
