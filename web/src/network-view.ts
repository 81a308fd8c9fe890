// The network, drawn as TensorFlow Playground draws it: units as nodes, each showing its
// own output over the input plane as a small heatmap; weights as edges, coloured by sign
// and thick by magnitude. Hovering or focusing a unit shows its activations' histogram and
// the gradient of its incoming weights. Edges and pictures are painted on one canvas (one
// layer for the browser to composite); the units are transparent buttons over it, for the
// pointer and the keyboard. A frame creates no elements and restyles none.
import { maxOf } from '../../src/extent.js';
import { histogramSpec } from '../../src/plot/specs.js';
import { render } from './charts.js';
import { type Move, oneTabStop } from './roving-focus.js';
import { drawSized } from './sized.js';
import type { LayerPicture, NetworkPicture } from './job.js';

/** Units drawn per layer; a wider layer shows its first ones and says how many more it has. */
const MAX_DRAWN = 16;
/** Okabe & Ito: positive values blue, negative vermillion (both for weights and for unit outputs). */
const POSITIVE = [0, 114, 178];
const NEGATIVE = [213, 94, 0];

interface Node {
  button: HTMLButtonElement;
  /** Its box on the canvas, in CSS pixels: the left and top edges and the side. */
  left: number;
  top: number;
  side: number;
  x: number;
  y: number;
}

/**
 * A unit's picture (size × size values from `offset`) into `cell`: white at 0, blue to its
 * largest positive, vermillion to its largest negative value.
 */
function paint(cell: OffscreenCanvas, values: Float64Array, offset: number, size: number): void {
  const n = size * size;
  let top = 0;
  for (let i = 0; i < n; i++) top = Math.max(top, Math.abs(values[offset + i]));
  const ctx = cell.getContext('2d')!;
  const img = ctx.createImageData(size, size);
  for (let i = 0; i < n; i++) {
    const t = top > 0 && Number.isFinite(top) ? values[offset + i] / top : 0;
    const hue = t >= 0 ? POSITIVE : NEGATIVE;
    const a = Math.min(1, Math.abs(t) || 0);
    img.data.set(
      [255 + (hue[0] - 255) * a, 255 + (hue[1] - 255) * a, 255 + (hue[2] - 255) * a, 255],
      4 * i,
    );
  }
  ctx.putImageData(img, 0, 0);
}

/**
 * Focus in the drawn network: Up and Down along a layer (going round), Left and Right to the
 * unit at the same place in the layer before or after (the nearest one there is), Home and
 * End to the first input and the output unit.
 */
const acrossTheNetwork: Move = (key, at, items) => {
  const place = (i: number) => [Number(items[i].dataset.layer), Number(items[i].dataset.unit)];
  const [layer, unit] = place(at);
  const find = (l: number, u: number) =>
    items.findIndex((b) => b.dataset.layer === String(l) && b.dataset.unit === String(u));
  const count = (l: number) => items.filter((b) => b.dataset.layer === String(l)).length;
  const layers = Number(items[items.length - 1].dataset.layer) + 1;
  switch (key) {
    case 'ArrowDown':
      return find(layer, (unit + 1) % count(layer));
    case 'ArrowUp':
      return find(layer, (unit - 1 + count(layer)) % count(layer));
    case 'ArrowRight':
    case 'ArrowLeft': {
      const l = layer + (key === 'ArrowRight' ? 1 : -1);
      return l < 0 || l >= layers ? at : find(l, Math.min(unit, count(l) - 1));
    }
    case 'Home':
      return 0;
    case 'End':
      return items.length - 1;
    default:
      return null;
  }
};

export class NetworkView {
  #root: HTMLElement;
  #detail: HTMLElement;
  #edges: HTMLCanvasElement;
  #nodes: Node[][] = [];
  #shape = '';
  #picture: NetworkPicture | null = null;
  #focused: [number, number] | null = null;

  /** Draws into `root`; `detail` shows the focused unit's histogram and gradient. */
  constructor(root: HTMLElement, detail: HTMLElement) {
    this.#root = root;
    this.#detail = detail;
    this.#edges = Object.assign(document.createElement('canvas'), { className: 'edges' });
    this.#edges.setAttribute('aria-hidden', 'true');
    // a box that changes size (a phone turned, a window narrowed) is laid out again
    new ResizeObserver(() => {
      if (this.#picture) this.update(this.#picture);
    }).observe(root);
  }

  /** Clears the drawing (a new run begins), saying `message` in its place. */
  clear(message = ''): void {
    this.#shape = '';
    this.#picture = null;
    this.#nodes = [];
    this.#root.replaceChildren(
      Object.assign(document.createElement('p'), { className: 'hint', textContent: message }),
    );
    this.#detail.replaceChildren();
    this.#detail.hidden = true;
    this.#focused = null;
  }

  /** Draws `picture` (laying the network out again only when its shape or the box's size changed). */
  update(picture: NetworkPicture): void {
    const dims = [2, ...picture.layers.map((l) => l.units)];
    const shape = `${dims.join(',')}@${this.#root.clientWidth}x${this.#root.clientHeight}`;
    if (shape !== this.#shape) this.#layout(dims);
    this.#shape = shape;
    this.#picture = picture;
    const ctx = this.#edges.getContext('2d')!;
    ctx.setTransform(devicePixelRatio, 0, 0, devicePixelRatio, 0, 0);
    ctx.clearRect(0, 0, this.#edges.width, this.#edges.height);
    picture.layers.forEach((layer, l) => this.#weights(ctx, l, layer, dims[l]));
    // the pictures over the edges, each scaled up cell by cell (no smoothing: the cells stay crisp)
    const cell = new OffscreenCanvas(picture.size, picture.size);
    ctx.imageSmoothingEnabled = false;
    const draw = (node: Node, values: Float64Array, u: number) => {
      paint(cell, values, u * picture.size ** 2, picture.size);
      ctx.fillStyle = '#666';
      ctx.fillRect(node.left - 1, node.top - 1, node.side + 2, node.side + 2);
      ctx.drawImage(cell, node.left, node.top, node.side, node.side);
    };
    this.#nodes[0].forEach((node, u) => draw(node, picture.inputs, u));
    picture.layers.forEach((layer, l) =>
      this.#nodes[l + 1].forEach((node, u) => draw(node, layer.pictures, u)),
    );
    if (this.#focused) this.#showDetail(...this.#focused);
  }

  /** Layer l's incoming weights as lines from the drawn units of layer l to those of l + 1, scaled by the layer's largest |w|. */
  #weights(ctx: CanvasRenderingContext2D, l: number, layer: LayerPicture, fanIn: number): void {
    let top = 0;
    for (const w of layer.weights) top = Math.max(top, Math.abs(w));
    this.#nodes[l + 1].forEach((to, j) =>
      this.#nodes[l].forEach((from, i) => {
        const w = layer.weights[j * fanIn + i];
        const t = top > 0 && Number.isFinite(top) ? Math.abs(w) / top : 0;
        ctx.strokeStyle = `rgba(${(w >= 0 ? POSITIVE : NEGATIVE).join(',')},${(0.25 + 0.75 * t).toFixed(2)})`;
        ctx.lineWidth = 0.3 + 3.7 * t;
        ctx.beginPath();
        ctx.moveTo(from.x, from.y);
        ctx.lineTo(to.x, to.y);
        ctx.stroke();
      }),
    );
  }

  #layout(dims: number[]): void {
    const width = Math.max(200, this.#root.clientWidth);
    const height = Math.max(160, this.#root.clientHeight);
    const drawn = dims.map((n) => Math.min(n, MAX_DRAWN));
    const most = maxOf(drawn);
    const node = Math.max(
      14,
      Math.min(40, Math.floor((height - 24) / most) - 4, Math.floor(width / dims.length / 1.6)),
    );
    const column = (width - node) / (dims.length - 1);
    Object.assign(this.#edges, {
      width: Math.round(width * devicePixelRatio),
      height: Math.round(height * devicePixelRatio),
    });
    Object.assign(this.#edges.style, { width: `${width}px`, height: `${height}px` });
    const buttons: HTMLElement[] = [];
    const notes: HTMLElement[] = [];
    this.#nodes = drawn.map((n, l) =>
      Array.from({ length: n }, (_, u) => {
        // whole pixels, so every picture's cells fall on the canvas's pixels alike
        const x = Math.round(l * column + node / 2);
        const y = Math.round((height - 20) / 2 + (u - (n - 1) / 2) * (node + 4));
        const name =
          l === 0
            ? `input x${u + 1}`
            : l === dims.length - 1
              ? 'the output unit'
              : `layer ${l}, unit ${u + 1}`;
        const button = Object.assign(document.createElement('button'), {
          type: 'button',
          className: 'unit',
        });
        button.setAttribute('aria-label', `${name}: show its histogram and gradient`);
        button.dataset.layer = String(l);
        button.dataset.unit = String(u);
        const left = x - Math.floor(node / 2);
        const top = y - Math.floor(node / 2);
        Object.assign(button.style, {
          left: `${left}px`,
          top: `${top}px`,
          width: `${node}px`,
          height: `${node}px`,
        });
        if (l > 0) {
          const show = () => {
            this.#focused = [l, u];
            this.#showDetail(l, u);
            this.#place(x, y, node, width);
          };
          const hide = () => {
            if (this.#focused?.[0] === l && this.#focused[1] === u) this.#focused = null;
            this.#detail.hidden = true;
          };
          button.addEventListener('mouseenter', show);
          button.addEventListener('focus', show);
          button.addEventListener('mouseleave', () => {
            if (document.activeElement !== button) hide();
          });
          button.addEventListener('blur', hide);
          button.setAttribute('aria-describedby', this.#detail.id);
        }
        buttons.push(button);
        return { button, x, y, left, top, side: node };
      }),
    );
    dims.forEach((n, l) => {
      if (n > MAX_DRAWN)
        notes.push(
          Object.assign(document.createElement('span'), {
            className: 'more',
            textContent: `+${n - MAX_DRAWN}`,
            style: `left:${l * column}px;top:${height - 18}px`,
          }),
        );
    });
    this.#root.replaceChildren(this.#edges, ...buttons, ...notes);
    // the units are one Tab stop: the arrows move across layers and along a layer
    oneTabStop(this.#root, 'button.unit', acrossTheNetwork);
  }

  /** The detail card beside the unit at (x, y) of the drawing (left of it near the right edge). */
  #place(x: number, y: number, node: number, width: number): void {
    const card = 250;
    const left = x + node / 2 + 8 + card > width ? x - node / 2 - 8 - card : x + node / 2 + 8;
    Object.assign(this.#detail.style, {
      left: `${Math.max(0, left)}px`,
      top: `${this.#root.offsetTop + Math.max(0, y - 60)}px`,
    });
    this.#detail.hidden = false;
  }

  #showDetail(l: number, u: number): void {
    const layer = this.#picture?.layers[l - 1];
    if (!layer) return;
    const last = l === this.#picture!.layers.length;
    const name = last ? 'Output unit' : `Layer ${l}, unit ${u + 1}`;
    const text = Object.assign(document.createElement('p'), {
      textContent: `${name}: gradient of its incoming weights ‖∂J/∂W‖ = ${layer.gradients[u].toPrecision(3)}`,
    });
    const chart = document.createElement('div');
    chart.className = 'unit-histogram';
    this.#detail.replaceChildren(text, chart);
    // the card's content width (250 px less its border and padding) until it is laid out
    const spec = histogramSpec(layer.histograms[u], `${name}: activations`);
    drawSized(chart, 232, (width) => render({ ...spec, width }, chart));
  }
}
