// Every chart gets an accessible name: screen readers announce an <svg> with role="img"
// by its aria-label, and a <title> child is the name browsers show on hover and the one
// SVG viewers and older assistive technology read (WAI-ARIA Graphics, SVG 2 §5.9).
import type { PlotSpec } from './specs.js';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The name a spec's chart is announced by: its ariaLabel, else "<y label> by <x label>", else "chart". */
export function accessibleName(spec: PlotSpec): string {
  if (spec.ariaLabel) return spec.ariaLabel;
  const label = (axis: unknown) =>
    axis && typeof axis === 'object' && 'label' in axis && typeof axis.label === 'string'
      ? axis.label
      : null;
  const [x, y] = [label(spec.x), label(spec.y)];
  return y && x ? `${y} by ${x}` : (y ?? x ?? 'chart');
}

/**
 * Observable Plot labels each mark's element (aria-label="line", "dot", "frame", a constant per
 * mark type that no Plot option replaces) and never gives it a role, which ARIA does not allow
 * on a plain <g> or shape (axe-core: aria-prohibited-attr; observablehq/plot#1760, open). Such
 * elements become a group (<g>) or a graphics symbol (a single shape), as the Graphics ARIA
 * roles describe them.
 */
function giveMarksRoles(root: Element): void {
  for (const el of root.querySelectorAll('[aria-label]:not([role])'))
    if (el.namespaceURI === SVG_NS)
      el.setAttribute('role', el.tagName.toLowerCase() === 'g' ? 'group' : 'graphics-symbol');
}

/**
 * Marks a rendered `svg` as one image named `name`: role="img", aria-label and a <title>
 * as its first child (replacing one this function put there before); the labelled marks
 * inside get roles (giveMarksRoles). Returns `svg`.
 */
export function nameChart<E extends Element>(svg: E, name: string): E {
  giveMarksRoles(svg);
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', name);
  const doc = svg.ownerDocument;
  let title = svg.firstElementChild;
  if (!title || title.tagName.toLowerCase() !== 'title') {
    title = doc.createElementNS(SVG_NS, 'title');
    svg.insertBefore(title, svg.firstChild);
  }
  title.textContent = name;
  return svg;
}
