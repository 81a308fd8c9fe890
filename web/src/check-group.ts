// A group of many checkboxes as one stop of the Tab key. The lab offers some 26
// initializers; as 26 Tab stops they stood between a keyboard user and everything after
// them. Here the group keeps one checkbox in the Tab order (a "roving tabindex", the WAI-ARIA
// Authoring Practices' way to manage focus inside a composite widget:
// https://www.w3.org/WAI/ARIA/apg/practices/keyboard-interface/#kbd_roving_tabindex), the
// arrow keys move between the checkboxes as they do in a radio group, Home and End jump to
// the first and last, and Space checks or unchecks the focused one (the native checkbox's own
// behaviour). The checkboxes stay native inputs with their names and values, so forms, links
// and screen readers' browse mode meet them as before.

/** The checkboxes of `group`, in document order. */
const boxesOf = (group: Element) => [
  ...group.querySelectorAll<HTMLInputElement>('input[type="checkbox"]'),
];

/** Makes `box` the group's one Tab stop. */
function makeStop(group: Element, box: HTMLInputElement): void {
  for (const b of boxesOf(group)) b.tabIndex = b === box ? 0 : -1;
}

/**
 * Gives `group` one Tab stop: the first checked checkbox (else the first) until the user
 * moves, then the last one focused. Call it again after the checkboxes change.
 */
export function oneTabStop(group: HTMLElement): void {
  const boxes = boxesOf(group);
  const visited = boxes.find((b) => b.tabIndex === 0 && group.dataset.visited);
  const stop = visited ?? boxes.find((b) => b.checked) ?? boxes[0];
  if (stop) makeStop(group, stop);
  if (group.dataset.roving) return;
  group.dataset.roving = 'true';
  group.addEventListener('focusin', (e) => {
    const box = e.target as HTMLInputElement;
    if (box.type !== 'checkbox') return;
    group.dataset.visited = 'true';
    makeStop(group, box);
  });
  group.addEventListener('keydown', (e) => {
    const all = boxesOf(group);
    const at = all.indexOf(e.target as HTMLInputElement);
    if (at < 0) return;
    const step: Record<string, number> = {
      ArrowDown: 1,
      ArrowRight: 1,
      ArrowUp: -1,
      ArrowLeft: -1,
      Home: -at,
      End: all.length - 1 - at,
    };
    if (!(e.key in step) || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault(); // the arrows would otherwise scroll the list
    // the arrows go round, as a radio group's do; Home and End stop at the ends
    const next = all[(at + step[e.key] + all.length) % all.length];
    makeStop(group, next);
    next.focus();
  });
}
