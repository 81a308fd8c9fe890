// Run names inside a chart. A name with parameters (`variance-scaling:scale=1,mode=fan_avg,
// distribution=untruncated_normal`, 70 characters) cannot be written whole beside a line in a
// 300-px chart, and SVG text does not wrap. So a chart writes each name as far as its width
// allows, cut in the middle (the initializer's name and the last parameter stay readable, and
// two names that differ only at their end stay apart); every shortened text carries the whole
// name as its tooltip (an SVG <title>), and the chart's accessible name carries every whole name.

const SVG_NS = 'http://www.w3.org/2000/svg';

/** `name` in at most `max` characters (whole code points): its start and end around "…" when it is longer. */
export function shorten(name: string, max: number): string {
  const chars = Array.from(name);
  if (chars.length <= max) return name;
  const keep = Math.max(2, max - 1);
  const head = Math.ceil(keep / 2);
  return `${chars.slice(0, head).join('')}…${chars.slice(chars.length - (keep - head)).join('')}`;
}

/**
 * The names as a chart writes them in `max` characters each: shortened where longer, and
 * always distinct (a line's label also keeps it apart from the others), a number added to
 * any shortening that another one already took.
 */
export function shortNames(names: string[], max: number): string[] {
  const taken = new Set<string>();
  return names.map((name) => {
    let short = shorten(name, max);
    for (let k = 2; taken.has(short); k++) short = `${shorten(name, Math.max(4, max - 3))} ${k}`;
    taken.add(short);
    return short;
  });
}

/** How many characters of text of `fontSize` px fit in `px` pixels (system-ui averages about 0.6 em a character), at least `least`. */
export const charsIn = (px: number, fontSize: number, least = 6): number =>
  Math.max(least, Math.floor(px / (0.6 * fontSize)));

/**
 * Gives each text of `svg` that shows a shortened name its whole name as a tooltip: `whole`
 * maps what a text shows, or a part of it, to the name it stands for. Texts already whole are
 * left alone.
 */
export function tooltipWholeNames(svg: Element, whole: Map<string, string>): void {
  const cut = [...whole].filter(([short, name]) => short !== name);
  if (!cut.length) return;
  for (const text of svg.querySelectorAll('text')) {
    const shown = text.textContent ?? '';
    let full = shown;
    for (const [short, name] of cut) if (full.includes(short)) full = full.replace(short, name);
    if (full === shown) continue;
    const title = svg.ownerDocument.createElementNS(SVG_NS, 'title');
    title.textContent = full;
    text.append(title);
  }
}
