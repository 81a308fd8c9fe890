// Rendering keeps the page responsive: each view redraws at most every `minMs` with its
// latest data, and one view per animation frame, so no frame waits on several charts.
const views = new Map<string, { draw: () => void; minMs: number }>();
const drawnAt = new Map<string, number>();
let scheduled = false;

/** Draws `draw` in a coming frame, at most once every `minMs` for this key (a newer draw replaces a waiting one). */
export function later(key: string, minMs: number, draw: () => void): void {
  views.set(key, { draw, minMs });
  if (!scheduled) {
    scheduled = true;
    requestAnimationFrame(drawOne);
  }
}

/** The last update: every view, in this order, one per frame (waiting draws of the same keys are dropped). */
export function drawAllNow(draws: [string, () => void][]): void {
  for (const [key] of draws) views.delete(key);
  const next = (i: number) =>
    requestAnimationFrame(() => {
      draws[i][1]();
      if (i + 1 < draws.length) next(i + 1);
    });
  if (draws.length) next(0);
}

/** Drops a waiting draw (its view was reset). */
export function forget(key: string): void {
  views.delete(key);
}

function drawOne(now: number): void {
  scheduled = false;
  // the view waiting longest whose interval has passed
  let pick: string | null = null;
  for (const [key, v] of views) {
    const at = drawnAt.get(key) ?? -Infinity;
    if (now - at >= v.minMs && (pick === null || at < (drawnAt.get(pick) ?? -Infinity))) pick = key;
  }
  if (pick) {
    const v = views.get(pick)!;
    views.delete(pick);
    drawnAt.set(pick, now);
    v.draw();
  }
  if (views.size && !scheduled) {
    scheduled = true;
    requestAnimationFrame(drawOne);
  }
}
