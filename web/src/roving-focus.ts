// A group of many focusable items as one stop of the Tab key. The lab's some 26 initializer
// checkboxes, and the network view's units (up to 16 a layer), were each a Tab stop standing
// between a keyboard user and everything after them. Here a group keeps one item in the Tab
// order (a "roving tabindex", the WAI-ARIA Authoring Practices' way to manage focus inside a
// composite widget: https://www.w3.org/WAI/ARIA/apg/practices/keyboard-interface/#kbd_roving_tabindex);
// the arrow keys, Home and End move between the items, and the items keep their own keys
// (Space checks a checkbox, Enter presses a button). Items stay native elements with their
// names and values, so forms, links and screen readers' browse mode meet them as before.

/** Where a key moves focus from item `at` of `count`: an index, or null when the key is not a move. */
export type Move = (key: string, at: number, items: HTMLElement[]) => number | null;

/** As in a radio group: Down and Right the next item, Up and Left the previous (going round), Home the first, End the last. */
export const aroundTheList: Move = (key, at, items) => {
  const n = items.length;
  const moves: Record<string, number> = {
    ArrowDown: (at + 1) % n,
    ArrowRight: (at + 1) % n,
    ArrowUp: (at - 1 + n) % n,
    ArrowLeft: (at - 1 + n) % n,
    Home: 0,
    End: n - 1,
  };
  return key in moves ? moves[key] : null;
};

const itemsOf = (group: HTMLElement, selector: string) => [
  ...group.querySelectorAll<HTMLElement>(selector),
];

function makeStop(items: HTMLElement[], item: HTMLElement): void {
  for (const i of items) i.tabIndex = i === item ? 0 : -1;
}

/**
 * Gives `group` one Tab stop among its items (`selector`): the last one focused while it is
 * still there, else `first(items)` (default: the first item). Call it again whenever the
 * items change; the key handling is installed once.
 */
export function oneTabStop(
  group: HTMLElement,
  selector: string,
  move: Move = aroundTheList,
  first: (items: HTMLElement[]) => HTMLElement | undefined = (items) => items[0],
): void {
  const items = itemsOf(group, selector);
  const visited = group.dataset.visited ? items.find((i) => i.tabIndex === 0) : undefined;
  const stop = visited ?? first(items) ?? items[0];
  if (stop) makeStop(items, stop);
  if (group.dataset.roving) return;
  group.dataset.roving = 'true';
  group.addEventListener('focusin', (e) => {
    const item = (e.target as HTMLElement).closest<HTMLElement>(selector);
    if (!item || !group.contains(item)) return;
    group.dataset.visited = 'true';
    makeStop(itemsOf(group, selector), item);
  });
  group.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const all = itemsOf(group, selector);
    const at = all.indexOf(e.target as HTMLElement);
    if (at < 0) return;
    const next = move(e.key, at, all);
    if (next === null) return;
    e.preventDefault(); // the arrows would otherwise scroll the list
    makeStop(all, all[next]);
    all[next].focus();
  });
}
