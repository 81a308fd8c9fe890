// Line-end labels that never overlap: when several curves end at the same height (he,
// xavier and orthogonal reaching the same final cost), their names are spread apart
// vertically by as little as possible, each staying as close to its line as the gap allows.
import * as Plot from '@observablehq/plot';

/**
 * New positions (pixels, same order as `ys`) at least `gap` apart, moved as little as
 * possible: overlapping labels form a block centred on the mean of their wanted
 * positions, blocks merge until none overlap, then each block is pushed inside
 * [lo, hi] when it fits there. The gap is kept even when the block does not fit
 * (it then runs past `lo` or `hi`). Non-finite positions are returned unchanged.
 */
export function dodgePositions(
  ys: number[],
  gap: number,
  [lo, hi]: [number, number] = [-Infinity, Infinity],
): number[] {
  const order = ys
    .map((_, i) => i)
    .filter((i) => Number.isFinite(ys[i]))
    .sort((a, b) => ys[a] - ys[b] || a - b);
  // a block: the labels order[from], …, order[from + size - 1], `gap` apart from `top` down;
  // `wanted` is the sum of their wanted positions
  interface Block {
    from: number;
    size: number;
    wanted: number;
    top: number;
  }
  const place = (b: Block) => {
    const height = (b.size - 1) * gap;
    let top = b.wanted / b.size - height / 2;
    if (height <= hi - lo) top = Math.min(Math.max(top, lo), hi - height);
    b.top = top;
  };
  const blocks: Block[] = [];
  for (let k = 0; k < order.length; k++) {
    const b: Block = { from: k, size: 1, wanted: ys[order[k]], top: 0 };
    place(b);
    blocks.push(b);
    // merge with the block above while the two overlap
    while (blocks.length > 1) {
      const below = blocks[blocks.length - 1];
      const above = blocks[blocks.length - 2];
      if (above.top + above.size * gap <= below.top + 1e-9) break;
      above.size += below.size;
      above.wanted += below.wanted;
      place(above);
      blocks.pop();
    }
  }
  const out = [...ys];
  for (const b of blocks) for (let j = 0; j < b.size; j++) out[order[b.from + j]] = b.top + j * gap;
  return out;
}

/**
 * Plot's render transform for a text mark: its labels' y positions (pixels, per facet)
 * dodged `gap` pixels apart inside the plot's frame, before Plot draws them.
 */
export function dodgeRender(gap: number): Plot.RenderFunction {
  return function (index, scales, values, dimensions, context, next) {
    const y = values.y as ArrayLike<number> | undefined;
    if (!y || !next) return next ? next(index, scales, values, dimensions, context) : null;
    const idx = [...index];
    const moved = dodgePositions(
      idx.map((i) => y[i]),
      gap,
      [dimensions.marginTop + gap / 2, dimensions.height - dimensions.marginBottom - gap / 2],
    );
    const dodged = Array.from(y);
    idx.forEach((i, k) => {
      dodged[i] = moved[k];
    });
    return next(
      index,
      scales,
      { ...values, y: dodged } as unknown as Plot.ChannelValues,
      dimensions,
      context,
    );
  };
}

/** A text mark of line-end labels with the dodge applied (Plot.text's options, plus `gap` in pixels: default 1.15 × fontSize). */
export function endLabels<T>(data: T[], options: Plot.TextOptions & { gap?: number }): Plot.Text {
  const { gap = 1.15 * (typeof options.fontSize === 'number' ? options.fontSize : 12), ...rest } =
    options;
  return Plot.text(data, { ...rest, render: dodgeRender(gap) });
}
