// Observable Plot names each mark's element (aria-label="line", "dot", "frame") without a
// role, which ARIA does not allow on a plain <g> or <rect> (axe-core: aria-prohibited-attr,
// "serious"). Until the shared chart renderer gives them roles itself, the page does, as
// charts appear: a group for <g>, a graphics symbol for a single shape.
const LABELLED = 'svg [aria-label]:not([role])';

function giveRoles(root: Element): void {
  const found = root.matches(LABELLED)
    ? [root, ...root.querySelectorAll(LABELLED)]
    : root.querySelectorAll(LABELLED);
  for (const el of found)
    el.setAttribute('role', el.tagName.toLowerCase() === 'g' ? 'group' : 'graphics-symbol');
}

/** Watches `root` for new charts and gives their labelled elements a role. */
export function labelPlotMarks(root: Element = document.body): void {
  giveRoles(root);
  new MutationObserver((changes) => {
    for (const change of changes)
      for (const node of change.addedNodes) if (node instanceof Element) giveRoles(node);
  }).observe(root, { childList: true, subtree: true });
}
