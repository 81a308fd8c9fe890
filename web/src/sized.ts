// Charts drawn for the width their box really has. A chart drawn once at a fixed size and
// stretched by CSS shrinks its 10-px tick labels to 5 px in a phone's column and blurs its
// lines when enlarged; instead each chart is drawn at its box's width, and drawn again when
// the box changes size (a window narrowed, a phone turned, the page zoomed).

/** How long a box must keep its new width before its chart is drawn again (ms): a window being dragged redraws once it rests. */
export const RESIZE_REST_MS = 120;

interface Sized {
  draw: (width: number) => void;
  /** The width the chart was last drawn for (CSS px). */
  width: number;
  /** The box's content width as the observer last reported it (whole CSS px), once it has. */
  seen?: number;
  timer?: ReturnType<typeof setTimeout>;
}

const boxes = new WeakMap<Element, Sized>();
let observer: ResizeObserver | undefined;

/**
 * The width (CSS px, whole) that `box`'s content has, or `fallback` where the box has no
 * layout (a hidden view, or a DOM without one such as linkedom's).
 */
function contentWidth(box: Element, fallback: number): number {
  const outer = (box as HTMLElement).clientWidth;
  if (!outer) return fallback;
  const style = getComputedStyle(box);
  const inner = outer - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return Math.max(1, Math.floor(inner));
}

/**
 * The width (CSS px, whole) to draw `box`'s chart for: as the observer last reported it,
 * else measured (which makes the browser lay the page out if it changed since, so a caller
 * drawing several charts asks for all their widths before drawing any).
 */
export function widthFor(box: Element, fallback: number): number {
  const seen = boxes.get(box)?.seen;
  return seen !== undefined && seen >= 1 ? seen : contentWidth(box, fallback);
}

/**
 * Draws a chart into `box` now with `draw(width)`, for the width of the box's content
 * (`width` when the caller has it from widthFor; `fallback` px when the box has none yet),
 * and again, with the latest `draw` given for this box, whenever that width changes and has
 * rested RESIZE_REST_MS. A box must take its width from its parent, never from the chart it
 * holds (a grid or block item with min-width 0).
 */
export function drawSized(
  box: Element,
  fallback: number,
  draw: (width: number) => void,
  width = widthFor(box, fallback),
): void {
  const known = boxes.get(box);
  if (known) Object.assign(known, { draw, width });
  else {
    boxes.set(box, { draw, width });
    // marked, so whoever checks the page (its tests) finds every box a chart is fitted to
    box.setAttribute('data-sized', '');
    watch(box);
  }
  draw(width);
}

function watch(box: Element): void {
  if (typeof ResizeObserver === 'undefined') return;
  observer ??= new ResizeObserver((entries) => {
    for (const entry of entries) {
      const box = entry.target;
      const sized = boxes.get(box);
      // a box taken off the page (a chart replaced, a run reset) is watched no more
      if (!box.isConnected) {
        observer!.unobserve(box);
        boxes.delete(box);
        continue;
      }
      if (!sized) continue;
      const width = Math.floor(entry.contentRect.width);
      sized.seen = width;
      // a box out of sight (width 0) keeps its chart until it is shown again, and a box
      // emptied since (a reset run's) stays empty
      if (width < 1 || width === sized.width || !box.firstElementChild) continue;
      clearTimeout(sized.timer);
      sized.timer = setTimeout(() => {
        // drawn meanwhile for this width (a live update), or emptied: nothing to do
        if (!box.isConnected || !box.firstElementChild || sized.width === sized.seen) return;
        sized.width = sized.seen ?? width;
        sized.draw(sized.width);
      }, RESIZE_REST_MS);
    }
  });
  observer.observe(box);
}
