// Orthonormal matrices from Gaussian draws: Householder QR with the sign fix (Saxe et al.
// 2014; as Keras' Orthogonal and PyTorch's orthogonal_ do it), so the result is uniformly
// distributed over the orthogonal matrices.
//
// Speed: storage is row-major, so the factorization works on the transpose Aᵀ, where each
// column of A is a contiguous row. The reflectors are applied a panel (NB of them) at a time
// to each later row while that row sits in the L1 cache, so the matrix streams through
// memory once per panel instead of once per reflector. Q is unique once R's diagonal is made
// positive, so any Householder ordering gives numpy's Q up to rounding. Where WebAssembly
// SIMD runs, assembly/orthogonal.ts does the same with each panel applied as one block
// (I − V T Vᵀ, two rows and four reflectors per pass), about 10× faster; it is called a
// panel and a range of rows at a time, so shouldStop is asked every few milliseconds.
import { ORTHOGONAL_WASM_BASE64 } from '../generated/orthogonal-wasm.js';
import { decodeBase64 } from '../base64.js';
import { StopRequested } from '../stop.js';

/** Which framework's recipe `orthogonal` follows; they differ in what they factor and in what they transpose. */
export type OrthogonalConvention = 'keras' | 'pytorch';

/** Every convention `orthogonal` accepts, its default first. */
export const orthogonalConventions: readonly OrthogonalConvention[] = ['keras', 'pytorch'];

/** Thrown when `shouldStop` answered true between two Householder steps (a StopRequested, as every stopped step). */
export class OrthogonalInterrupted extends StopRequested {
  constructor() {
    super('the orthogonal initialization');
    this.name = 'OrthogonalInterrupted';
  }
}

/**
 * Helper threads for the wasm path's block updates (Node: src/node/orthogonal-threads.ts). Each
 * block update is shared out by rows; a row's numbers do not depend on which thread computes it,
 * so the result is the same bit for bit on any number of threads.
 */
export interface OrthogonalThreads {
  /** The shared-memory build of assembly/orthogonal.ts. */
  readonly module: WebAssembly.Module;
  /** A shared memory of `pages` 64 KiB pages for that module. */
  memory(pages: number): WebAssembly.Memory;
  /**
   * Threads the rows may be shared between, the caller's included: 1 while the helpers are not
   * running and `start` is false, or when they cannot start; `start` (default true) starts them.
   */
  ready(start?: boolean): number;
  /** Starts `applyBlock(...args)` on helper `t` (1 ≤ t < ready()), on `memory`; returns at once. */
  start(t: number, memory: WebAssembly.Memory, args: number[]): void;
  /** Waits for every helper started since the last wait. @throws Error when one of them failed. */
  wait(): void;
}

/** Options of a long orthogonal draw. */
export interface OrthogonalHooks {
  /** Asked between Householder steps (at least every few tens of ms at any size); true throws OrthogonalInterrupted. */
  shouldStop?: () => boolean;
  /** `wasm` (the default where WebAssembly SIMD runs) or `ts`, the TypeScript loops: the same reflectors. */
  engine?: 'wasm' | 'ts';
  /** Helper threads for the wasm path (default: those set by `shareOrthogonalWork`; null: this thread only). */
  threads?: OrthogonalThreads | null;
}

let defaultThreads: OrthogonalThreads | null = null;

/** Sets the helper threads every later orthogonal draw of this process uses (null: none). */
export function shareOrthogonalWork(threads: OrthogonalThreads | null): void {
  defaultThreads = threads;
}

// Sizes (n²·m, about the multiply-adds) from which the block updates are shared out: each
// shared call costs tens of µs, so from about 400 × 400 once the helpers run; starting them
// costs 30–100 ms, which a draw repays alone from about 800 × 800 (0.1 s on one thread).
const SHARE_WORK = 1 << 26;
const START_WORK = 1 << 29;

interface QrExports {
  factorPanel(AT: number, m: number, k0: number, k1: number, tau: number, diag: number): void;
  buildBlock(
    AT: number,
    m: number,
    k0: number,
    k1: number,
    tau: number,
    Vd: number,
    T: number,
  ): void;
  applyBlock(
    Vd: number,
    T: number,
    k0: number,
    k1: number,
    m: number,
    Y: number,
    j0: number,
    j1: number,
    w: number,
    spare: number,
    transposeT: number,
  ): void;
}

let qrModule: WebAssembly.Module | null | undefined;
function wasmQr(): WebAssembly.Module | null {
  if (qrModule === undefined) {
    try {
      qrModule = new WebAssembly.Module(decodeBase64(ORTHOGONAL_WASM_BASE64));
    } catch {
      qrModule = null; // no WebAssembly or no SIMD here: the TypeScript loops do it
    }
  }
  return qrModule;
}

const PAGE = 65536;
const MAX_PAGES = 32768; // 2 GiB: beyond that, the TypeScript loops (wasm32 addresses 4 GiB at most)

// Reflectors per panel: NB rows of length m must stay in L2 next to the row being updated.
const NB = 32;

/** x[xo..xo+len) · y[yo..yo+len), four accumulators (independent adds keep the pipeline full). */
function dot(x: Float64Array, xo: number, y: Float64Array, yo: number, len: number): number {
  let s0 = 0,
    s1 = 0,
    s2 = 0,
    s3 = 0;
  let i = 0;
  for (; i + 3 < len; i += 4) {
    s0 += x[xo + i] * y[yo + i];
    s1 += x[xo + i + 1] * y[yo + i + 1];
    s2 += x[xo + i + 2] * y[yo + i + 2];
    s3 += x[xo + i + 3] * y[yo + i + 3];
  }
  for (; i < len; i++) s0 += x[xo + i] * y[yo + i];
  return s0 + s1 + (s2 + s3);
}

/** y[yo..) −= f · x[xo..), over len values. */
function axpy(
  f: number,
  x: Float64Array,
  xo: number,
  y: Float64Array,
  yo: number,
  len: number,
): void {
  let i = 0;
  for (; i + 3 < len; i += 4) {
    y[yo + i] -= f * x[xo + i];
    y[yo + i + 1] -= f * x[xo + i + 1];
    y[yo + i + 2] -= f * x[xo + i + 2];
    y[yo + i + 3] -= f * x[xo + i + 3];
  }
  for (; i < len; i++) y[yo + i] -= f * x[xo + i];
}

/**
 * The orthonormal factor of a tall matrix, given and returned transposed: `AT` is Aᵀ
 * (n × m, row-major, n ≤ m; left as it is); the result is Qᵀ (n × m) with
 * A = QR and every row of Qᵀ multiplied by the sign of R's diagonal entry (numpy's
 * `q *= sign(diag(r))`, so a zero diagonal entry gives a zero row, as there).
 * @throws OrthogonalInterrupted when `hooks.shouldStop` answers true.
 */
export function orthonormalRowsOfTranspose(
  AT: Float64Array,
  n: number,
  m: number,
  hooks: OrthogonalHooks = {},
): Float64Array {
  if (n > m) throw new RangeError(`orthonormalRowsOfTranspose: needs n <= m, got ${n} × ${m}`);
  if (hooks.engine === 'ts') return tsRows(AT, n, m, hooks);
  const helpers = hooks.threads === undefined ? defaultThreads : hooks.threads;
  if (helpers && n * n * m >= SHARE_WORK) {
    const threads = helpers.ready(n * n * m >= START_WORK);
    const QT = threads > 1 ? wasmRows(helpers.module, AT, n, m, hooks, { helpers, threads }) : null;
    if (QT) return QT;
  }
  const module = wasmQr();
  return (module && wasmRows(module, AT, n, m, hooks)) || tsRows(AT, n, m, hooks);
}

/** Sign of R's diagonal onto the rows of Qᵀ (n × m), as numpy's q *= sign(diag(r)). */
function signFix(QT: Float64Array, diag: Float64Array, n: number, m: number): void {
  for (let i = 0; i < n; i++) {
    const s = Math.sign(diag[i]);
    if (s === 1) continue;
    const io = i * m;
    for (let j = 0; j < m; j++) QT[io + j] *= s;
  }
}

/**
 * Qᵀ from the wasm loops, the block updates shared by rows between `shared.threads` threads
 * when given; null when this engine will not give the memory they need.
 */
function wasmRows(
  module: WebAssembly.Module,
  A: Float64Array,
  n: number,
  m: number,
  hooks: OrthogonalHooks,
  shared?: { helpers: OrthogonalThreads; threads: number },
): Float64Array | null {
  const threads = shared?.threads ?? 1;
  // each thread's scratch: 4·NB values for one pass, and a spare row to pair an odd row with
  const scratch = (4 * NB + m) * 8;
  const bytes = 64 + (2 * n * m + 2 * n + NB * m + NB * NB) * 8 + threads * scratch;
  const pages = Math.ceil(bytes / PAGE);
  if (pages > MAX_PAGES) return null;
  let memory: WebAssembly.Memory;
  try {
    memory = shared ? shared.helpers.memory(pages) : new WebAssembly.Memory({ initial: pages });
  } catch {
    return null; // out of memory for one block: the TypeScript loops need about half of it
  }
  const x = new WebAssembly.Instance(module, { env: { memory } }).exports as unknown as QrExports;
  const buf = memory.buffer;
  const atOff = 16,
    qtOff = atOff + n * m * 8,
    tauOff = qtOff + n * m * 8,
    diagOff = tauOff + n * 8;
  // one panel's block (V, T), then each thread's scratch
  const vOff = diagOff + n * 8,
    tOff = vOff + NB * m * 8,
    scratchOff = tOff + NB * NB * 8;
  /** Rows j0..j1−1 of Y through the block of reflectors k0..k1−1, shared out by rows. */
  const apply = (Y: number, k0: number, k1: number, j0: number, j1: number, transposeT: number) => {
    const args = (lo: number, hi: number, t: number): Parameters<QrExports['applyBlock']> => {
      const w = scratchOff + t * scratch;
      return [vOff, tOff, k0, k1, m, Y, lo, hi, w, w + 4 * NB * 8, transposeT];
    };
    // shares of an even number of rows (but the last), so a pair never straddles two threads
    const b = Array.from({ length: threads + 1 }, (_, t) =>
      t === threads ? j1 : j0 + Math.floor(((j1 - j0) * t) / threads / 2) * 2,
    );
    if (!shared || b[1] === j1) {
      x.applyBlock(...args(j0, j1, 0));
      return;
    }
    for (let t = 1; t < threads; t++) shared.helpers.start(t, memory, args(b[t], b[t + 1], t));
    try {
      x.applyBlock(...args(b[0], b[1], 0));
    } finally {
      shared.helpers.wait(); // the next step reads every row
    }
  };
  new Float64Array(buf, atOff, n * m).set(A);
  const QTview = new Float64Array(buf, qtOff, n * m);
  for (let i = 0; i < n; i++) QTview[i * m + i] = 1;
  const stop = hooks.shouldStop;
  const check = () => {
    if (stop?.()) throw new OrthogonalInterrupted();
  };
  // rows per call: about 4M multiply-adds per thread, a few ms, between two looks at shouldStop
  const chunk = threads * Math.max(2, Math.floor((1 << 22) / (m * NB)) & ~1);
  for (let k0 = 0; k0 < n; k0 += NB) {
    const k1 = Math.min(n, k0 + NB);
    check();
    x.factorPanel(atOff, m, k0, k1, tauOff, diagOff);
    if (k1 < n) x.buildBlock(atOff, m, k0, k1, tauOff, vOff, tOff);
    for (let j = k1; j < n; j += chunk) {
      check();
      apply(atOff, k0, k1, j, Math.min(n, j + chunk), 0);
    }
  }
  // Qᵀ's rows before k0 are still e_i from k0 on, so each block starts at its own first row
  for (let k0 = Math.floor((n - 1) / NB) * NB; k0 >= 0; k0 -= NB) {
    const k1 = Math.min(n, k0 + NB);
    x.buildBlock(atOff, m, k0, k1, tauOff, vOff, tOff);
    for (let i = k0; i < n; i += chunk) {
      check();
      apply(qtOff, k0, k1, i, Math.min(n, i + chunk), 1);
    }
  }
  const QT = QTview.slice();
  signFix(QT, new Float64Array(buf, diagOff, n), n, m);
  return QT;
}

function tsRows(AT: Float64Array, n: number, m: number, hooks: OrthogonalHooks): Float64Array {
  AT = AT.slice(); // the reflectors overwrite it
  const diag = new Float64Array(n); // R's diagonal
  const tau = new Float64Array(n); // H_k = I − tau_k v_k v_kᵀ, v_k stored in AT[k, k..m)
  const stop = hooks.shouldStop;
  const check = () => {
    if (stop?.()) throw new OrthogonalInterrupted();
  };
  for (let k0 = 0; k0 < n; k0 += NB) {
    const k1 = Math.min(n, k0 + NB);
    for (let k = k0; k < k1; k++) {
      check();
      const ko = k * m + k;
      const len = m - k;
      const x0 = AT[ko];
      const tail = len > 1 ? dot(AT, ko + 1, AT, ko + 1, len - 1) : 0;
      const norm = Math.sqrt(x0 * x0 + tail);
      const alpha = x0 > 0 ? -norm : norm;
      const v0 = x0 - alpha;
      const vv = v0 * v0 + tail;
      AT[ko] = v0;
      diag[k] = alpha;
      tau[k] = vv > 0 ? 2 / vv : 0;
      // the rest of the panel, one row at a time
      for (let j = k + 1; j < k1; j++) {
        const jo = j * m + k;
        axpy(tau[k] * dot(AT, ko, AT, jo, len), AT, ko, AT, jo, len);
      }
    }
    // every later row gets the whole panel while it is in cache
    for (let j = k1; j < n; j++) {
      if ((j & 63) === 0) check();
      for (let k = k0; k < k1; k++) {
        const ko = k * m + k;
        const jo = j * m + k;
        const len = m - k;
        axpy(tau[k] * dot(AT, ko, AT, jo, len), AT, ko, AT, jo, len);
      }
    }
  }
  // Qᵀ = [I 0] H_{n−1} ⋯ H_0: each row takes the reflectors from the last to the first.
  // Row i is e_i until H_i reaches it (H_k only touches columns k..m), so it starts at H_i.
  const QT = new Float64Array(n * m);
  for (let i = 0; i < n; i++) QT[i * m + i] = 1;
  for (let k0 = Math.floor((n - 1) / NB) * NB; k0 >= 0; k0 -= NB) {
    const k1 = Math.min(n, k0 + NB);
    for (let i = k0; i < n; i++) {
      if ((i & 63) === 0) check();
      for (let k = Math.min(i, k1 - 1); k >= k0; k--) {
        const ko = k * m + k;
        const io = i * m + k;
        const len = m - k;
        axpy(tau[k] * dot(AT, ko, QT, io, len), AT, ko, QT, io, len);
      }
    }
  }
  signFix(QT, diag, n, m);
  return QT;
}

/**
 * Q (rows × cols, rows >= cols) with orthonormal columns from A (rows × cols, row-major):
 * A = QR, then each column of Q times the sign of R's diagonal entry.
 * @throws OrthogonalInterrupted when `hooks.shouldStop` answers true.
 */
export function orthonormalColumns(
  A: Float64Array,
  rows: number,
  cols: number,
  hooks: OrthogonalHooks = {},
): Float64Array {
  return transpose(
    orthonormalRowsOfTranspose(transpose(A, rows, cols), cols, rows, hooks),
    cols,
    rows,
  );
}

/** Bᵀ (cols × rows) of B (rows × cols), row-major, in tiles so both sides stay in cache. */
function transpose(B: Float64Array, rows: number, cols: number): Float64Array {
  const T = new Float64Array(rows * cols);
  const t = 32;
  for (let i0 = 0; i0 < rows; i0 += t) {
    const i1 = Math.min(rows, i0 + t);
    for (let j0 = 0; j0 < cols; j0 += t) {
      const j1 = Math.min(cols, j0 + t);
      for (let i = i0; i < i1; i++) for (let j = j0; j < j1; j++) T[j * rows + i] = B[i * cols + j];
    }
  }
  return T;
}

/**
 * A weight matrix W (fanOut × fanIn, row-major) that is `gain` × an orthogonal matrix (or
 * orthonormal rows or columns, when not square), from `draws` (fanOut·fanIn standard normals
 * in the order they were drawn), as the named framework builds it:
 *
 * - keras (`keras.initializers.Orthogonal` on the kernel, fan_in × fan_out = Wᵀ): the draws
 *   fill a max × min matrix A (max = the larger fan), A = QR, then the kernel is Q when
 *   fan_in >= fan_out and Qᵀ otherwise; W is the kernel transposed. So W = Qᵀ for a square
 *   layer, Q when fan_out > fan_in.
 * - pytorch (`torch.nn.init.orthogonal_` on W itself): the draws fill fanOut × fanIn; when
 *   fanOut < fanIn that matrix is transposed before the QR and Q transposed back after.
 *   So W = Q for a square layer.
 * @throws OrthogonalInterrupted when `hooks.shouldStop` answers true.
 */
export function orthogonalWeights(
  draws: Float64Array,
  fanOut: number,
  fanIn: number,
  gain: number,
  convention: OrthogonalConvention,
  hooks: OrthogonalHooks = {},
): Float64Array {
  const big = Math.max(fanOut, fanIn);
  const small = Math.min(fanOut, fanIn);
  // AT: the transpose of the tall matrix that is factored (small × big)
  let AT: Float64Array;
  let wIsQT: boolean; // W = Qᵀ (small × big) or W = Q (big × small)
  if (convention === 'keras') {
    AT = transpose(draws, big, small);
    wIsQT = fanIn >= fanOut;
  } else if (fanOut >= fanIn) {
    AT = transpose(draws, fanOut, fanIn);
    wIsQT = false;
  } else {
    AT = draws; // the draws (fanOut × fanIn) are already the transpose of the tall matrix (and stay unchanged)
    wIsQT = true;
  }
  const QT = orthonormalRowsOfTranspose(AT, small, big, hooks);
  const W = wIsQT ? QT : transpose(QT, small, big);
  if (gain !== 1) for (let i = 0; i < W.length; i++) W[i] *= gain;
  return W;
}
