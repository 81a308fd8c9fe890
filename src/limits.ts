// How much memory and time a piece of work needs, computed from its sizes before anything is
// allocated, and the limits it is held to. Every command and the web lab call these checks,
// so one size is accepted or refused the same way everywhere, with a message that says what
// the work needs, the limit, and why the limit is there.
//
// Memory is counted in float64 values (8 bytes) for the arrays a run holds at once, plus an
// allowance per value for what is printed or kept as JavaScript objects. Time is estimated
// from multiply-adds at a conservative throughput of each kernel backend on one core.
import { UsageError } from './errors.js';
import { maxOf } from './extent.js';

export const LIMITS = {
  /**
   * Bytes one command may hold at once: a WebAssembly arena can be at most 4 GiB, a browser
   * tab gets a few GB in all, and a run must leave room for the report, the page or the
   * other runs of a sweep. 2 GiB.
   */
  memoryBytes: 2 * 1024 ** 3,
  /** Layer sizes in --layers (input and output included); deeper networks are refused. */
  maxLayers: 1000,
  /** Units in one layer (memory refuses wide layers long before this; this keeps the arithmetic exact). */
  maxLayerSize: 100_000_000,
  /** Estimated seconds one training iteration may take: stops are honoured between iterations. */
  iterationSeconds: 60,
  /** Estimated seconds of a command that shows nothing until it ends (gradcheck, probe, init). */
  commandSeconds: 900,
  /** LSUV's rescaling rounds per layer (the paper needs a handful). */
  lsuvRounds: 10_000,
  /** Most parallel workers / threads that can be asked for. */
  maxWorkers: 256,
} as const;

/** Multiply-adds per second on one core, deliberately low (a busy shared machine), per backend. */
export const MACS_PER_SECOND: Record<string, number> = { ts: 3e8, wasm: 2e9 };
/** Floating-point operations per second of plain JavaScript loops (initializers, QR). */
const JS_FLOPS = 3e8;

const F64 = 8;
/** Bytes per number printed or kept as a JavaScript value (nested arrays, text of the JSON): measured peaks were ~150. */
const PRINTED_BYTES = 160;
/** The same for numpy-style text, which aligns every column (measured peaks ~270). */
const FORMATTED_BYTES = 320;
/** Bytes per cost kept in a run's history (an object, its line of text, its JSON). */
const RECORD_BYTES = 200;
/** Bytes per layer per diagnostics point (a dozen statistics as objects and JSON). */
const DIAGNOSTIC_BYTES = 600;

export const formatBytes = (b: number): string =>
  b >= 1024 ** 3
    ? `${(b / 1024 ** 3).toFixed(1)} GB`
    : b >= 1024 ** 2
      ? `${(b / 1024 ** 2).toFixed(1)} MB`
      : `${Math.ceil(b / 1024)} kB`;

export const formatSeconds = (s: number): string =>
  s >= 7200
    ? `${(s / 3600).toFixed(1)} hours`
    : s >= 120
      ? `${Math.round(s / 60)} minutes`
      : `${s.toFixed(s >= 10 ? 0 : 1)} s`;

const MEMORY_WHY =
  'what one command may hold (a WebAssembly memory stops at 4 GB, and the report, the page or the other runs need the rest)';

/** Weights and biases of a network with these layer sizes. */
export const parameters = (dims: readonly number[]): number =>
  dims.slice(1).reduce((s, n, l) => s + n * dims[l] + n, 0);

/** Multiply-adds of one forward pass over m examples. */
export const forwardMacs = (dims: readonly number[], m: number): number =>
  dims.slice(1).reduce((s, n, l) => s + n * dims[l] * m, 0);

/** Multiply-adds of a training iteration on m examples: forward, weight gradients, backward products. */
export const iterationMacs = (dims: readonly number[], m: number): number =>
  3 * forwardMacs(dims, m);

/** Floats of a network's forward/backward buffers for m examples (Z, A, dZ, dA per layer and the gradients). */
export const workspaceFloats = (dims: readonly number[], m: number): number =>
  dims.slice(1).reduce((s, n, l) => s + 4 * n * m + n * dims[l] + n, 0);

/** Work of an initializer for one network: orthogonal ones (lsuv too) run a QR of each weight matrix. */
export function initFlops(dims: readonly number[], init: string): number {
  if (init !== 'orthogonal' && init !== 'lsuv') return parameters(dims);
  return dims.slice(1).reduce((s, n, l) => {
    const rows = Math.max(n, dims[l]);
    const cols = Math.min(n, dims[l]);
    return s + 4 * rows * cols * cols; // Householder QR and forming Q
  }, 0);
}

/**
 * Seconds of an initialization: the draws (a QR per layer for orthogonal ones) and, for LSUV,
 * up to `rounds` forward passes over the m examples of the batch for each layer.
 */
export function initSeconds(dims: readonly number[], init: string, m = 0, rounds = 0): number {
  const lsuv =
    init === 'lsuv' ? (rounds * (dims.length - 1) * forwardMacs(dims, m)) / MACS_PER_SECOND.ts : 0;
  return initFlops(dims, init) / JS_FLOPS + lsuv;
}

/** Throws when an initialization would take longer than a command may run without showing anything. */
function checkInitTime(
  dims: readonly number[],
  init: string,
  what: string,
  m = 0,
  rounds = 0,
): void {
  const seconds = initSeconds(dims, init, m, rounds);
  if (seconds > LIMITS.commandSeconds) {
    const why =
      init === 'lsuv'
        ? `up to ${rounds} rescaling rounds per layer, each a forward pass over ${m} examples, after a QR of each weight matrix`
        : 'a QR of each weight matrix';
    throw new UsageError(
      `initializing ${what} with ${init} takes about ${formatSeconds(seconds)} (${why}); the limit is ${formatSeconds(LIMITS.commandSeconds)}: choose smaller layers${init === 'lsuv' ? ', fewer examples or a smaller max-iter' : ''}`,
    );
  }
}

/** Extra floats an initializer holds while drawing one layer (the draws, the QR's copies). */
const initScratchFloats = (dims: readonly number[], init: string): number =>
  (init === 'orthogonal' || init === 'lsuv' ? 4 : 1) *
  maxOf(dims.slice(1).map((n, l) => n * dims[l]));

/** Checks the layer list's shape alone: how many sizes and how large. */
export function checkLayerSizes(dims: readonly number[], flag = '--layers'): void {
  if (dims.length > LIMITS.maxLayers)
    throw new UsageError(
      `${flag} has ${dims.length} sizes; the limit is ${LIMITS.maxLayers} (each layer is a step of every iteration)`,
    );
  const big = dims.find((d) => d > LIMITS.maxLayerSize);
  if (big !== undefined)
    throw new UsageError(
      `${flag}: a layer of ${big} units is over the limit of ${LIMITS.maxLayerSize}`,
    );
}

/** What one training run holds and does. */
export interface TrainingPlan {
  dims: readonly number[];
  /** Training examples, and test examples (0 when none). */
  m: number;
  mTest: number;
  /** Mini-batch size, 0 for the full batch. */
  batchSize?: number;
  /** True when an "iteration" is an epoch (--cost-report epoch-mean): every example each time. */
  epochs?: boolean;
  optimizer?: string;
  iterations: number;
  /** Costs recorded every this many iterations, diagnostics every so many (0: none). */
  printEvery: number;
  diagnosticsEvery?: number;
  /** Initializer name (orthogonal and lsuv need more scratch space and time). */
  init?: string;
  /** LSUV's max-iter, when init is lsuv. */
  lsuvRounds?: number;
  /** Runs kept side by side (compare, the web lab's initializers). */
  runs?: number;
  backend?: string;
  /** How the layers were given, for messages (e.g. "--layers 2,10,1"). */
  what?: string;
}

export interface Estimate {
  bytes: number;
  /** Estimated seconds of one iteration on one core. */
  iterationSeconds: number;
  parts: string;
}

/** Memory and time of a training command, from its sizes only. */
export function estimateTraining(p: TrainingPlan): Estimate {
  const P = parameters(p.dims);
  const m = p.m;
  const B = p.batchSize && p.batchSize < m ? p.batchSize : 0;
  const optimizerState = (p.optimizer === 'adam' ? 2 : p.optimizer === 'momentum' ? 1 : 0) * P;
  // the run's arena: a copy of the weights, the data, the full-batch buffers, batches, optimizer, test set
  const arena =
    P +
    workspaceFloats(p.dims, m) +
    (p.dims[0] + 1) * m +
    (B ? 2 * (workspaceFloats(p.dims, B) + (p.dims[0] + 1) * B) : 0) +
    optimizerState +
    (p.mTest ? workspaceFloats(p.dims, p.mTest) + (p.dims[0] + 1) * p.mTest : 0);
  // kept per run: the network trained, its initial copy, predictions (a forward pass's buffers while computed)
  const kept = 2 * P;
  const records = Math.floor((p.iterations - 1) / p.printEvery) + 2;
  const diagnostics = p.diagnosticsEvery
    ? (Math.floor((p.iterations - 1) / p.diagnosticsEvery) + 1) *
      (p.dims.length - 1) *
      DIAGNOSTIC_BYTES
    : 0;
  const scratch = Math.max(
    initScratchFloats(p.dims, p.init ?? ''),
    workspaceFloats(p.dims, Math.max(m, p.mTest)) + P,
  );
  const runs = p.runs ?? 1;
  const activations =
    2 * (workspaceFloats(p.dims, m) - P) +
    (p.mTest ? workspaceFloats(p.dims, p.mTest) - P : 0) +
    (B ? 2 * (workspaceFloats(p.dims, B) - P) : 0);
  const bytes =
    F64 * (arena + scratch + runs * kept) + runs * (records * RECORD_BYTES + diagnostics);
  const iterationSeconds =
    iterationMacs(p.dims, p.epochs ? m : B || m) /
    (MACS_PER_SECOND[p.backend ?? 'wasm'] ?? MACS_PER_SECOND.ts);
  // the largest shares first, so the message names what to change
  const shares: [string, number][] = [
    [
      `${P.toLocaleString('en-US')} parameters with their gradients and copies`,
      F64 * (P * (4 + 2 * runs) + optimizerState),
    ],
    [
      `activations of ${m.toLocaleString('en-US')} examples${p.mTest ? ` and ${p.mTest.toLocaleString('en-US')} test examples` : ''}`,
      F64 * activations,
    ],
    [
      `${(runs * records).toLocaleString('en-US')} recorded costs (--iterations / --print-every)`,
      runs * records * RECORD_BYTES,
    ],
    ['per-layer diagnostics (--iterations / --diagnostics-every)', runs * diagnostics],
  ];
  const parts = shares
    .filter(([, b]) => b >= bytes / 20)
    .sort((a, b) => b[1] - a[1])
    .map(([what, b]) => `${what}: ${formatBytes(b)}`)
    .join('; ');
  return { bytes, iterationSeconds, parts };
}

/** Throws a UsageError when a training command would exceed the memory or per-iteration time limit. */
export function checkTraining(p: TrainingPlan): Estimate {
  const what = p.what ?? `layers ${p.dims.join(',')}`;
  checkLayerSizes(p.dims);
  const e = estimateTraining(p);
  if (e.bytes > LIMITS.memoryBytes) {
    throw new UsageError(
      `${what} needs about ${formatBytes(e.bytes)} of memory (${e.parts}); the limit is ${formatBytes(LIMITS.memoryBytes)}, ${MEMORY_WHY}`,
    );
  }
  if (e.iterationSeconds > LIMITS.iterationSeconds) {
    const n = p.epochs ? p.m : p.batchSize || p.m;
    throw new UsageError(
      `${what} on ${n} examples takes about ${formatSeconds(e.iterationSeconds)} per ${p.epochs ? 'epoch' : 'iteration'} (${iterationMacs(p.dims, n).toExponential(1)} multiply-adds); the limit is ${LIMITS.iterationSeconds} s, since a stop is honoured between iterations: choose smaller layers or --batch-size`,
    );
  }
  checkInitTime(p.dims, p.init ?? '', what, p.m, p.lsuvRounds);
  return e;
}

/** Throws when LSUV's round count is not a whole number from 1 to the limit. */
export function checkLsuvRounds(rounds: number): void {
  if (!Number.isInteger(rounds) || rounds < 1 || rounds > LIMITS.lsuvRounds) {
    throw new UsageError(
      `initialization "lsuv": max-iter must be a whole number from 1 to ${LIMITS.lsuvRounds} (rounds per layer), got ${rounds}`,
    );
  }
}

/** The counts inside an initializer spec (LSUV's rounds), for callers that resolved it already. */
export function checkInitializerCounts(r: {
  init: { needsData?: boolean };
  opts: Record<string, unknown>;
}): void {
  if (r.init.needsData) checkLsuvRounds(r.opts['max-iter'] as number);
}

/** `initlab init`: the network drawn and printed, value by value. */
export function checkInitCommand(
  dims: readonly number[],
  init: string,
  what: string,
  m = 0,
  rounds = 0,
  format: 'json' | 'text' | 'none' = 'none',
): void {
  checkLayerSizes(dims);
  const P = parameters(dims);
  const perValue = format === 'json' ? PRINTED_BYTES : format === 'text' ? FORMATTED_BYTES : 0;
  const bytes =
    F64 * (P + initScratchFloats(dims, init) + (init === 'lsuv' ? workspaceFloats(dims, m) : 0)) +
    P * perValue;
  if (bytes > LIMITS.memoryBytes) {
    throw new UsageError(
      `${what} ${format === 'none' ? 'has' : 'prints'} ${P.toLocaleString('en-US')} parameters, which needs about ${formatBytes(bytes)} (the weights and their text); the limit is ${formatBytes(LIMITS.memoryBytes)}, ${MEMORY_WHY}`,
    );
  }
  checkInitTime(dims, init, what, m, rounds);
}

/** `initlab gradcheck`: two forward passes per parameter. */
export function checkGradcheck(
  dims: readonly number[],
  m: number,
  what: string,
): { passes: number; seconds: number } {
  checkLayerSizes(dims);
  const P = parameters(dims);
  const bytes = F64 * (3 * P + workspaceFloats(dims, m));
  if (bytes > LIMITS.memoryBytes)
    throw new UsageError(
      `${what} needs about ${formatBytes(bytes)} for the gradient check; the limit is ${formatBytes(LIMITS.memoryBytes)}, ${MEMORY_WHY}`,
    );
  const passes = 2 * P + 1;
  const seconds = (passes * forwardMacs(dims, m)) / MACS_PER_SECOND.ts;
  if (seconds > LIMITS.commandSeconds) {
    throw new UsageError(
      `${what} has ${P.toLocaleString('en-US')} parameters: the gradient check makes ${passes.toLocaleString('en-US')} forward passes on ${m} examples, about ${formatSeconds(seconds)}; the limit is ${formatSeconds(LIMITS.commandSeconds)}: check a smaller network (the check is the same at any width) or fewer examples`,
    );
  }
  return { passes, seconds };
}

/** `initlab probe`: depth × (width × width) weights through width × samples activations. */
export function checkProbe(cfg: {
  depth: number;
  width: number;
  samples: number;
  init: string;
  backend?: string;
}): void {
  const { depth, width: w, samples: n } = cfg;
  const floats = 3 * w * n + w * w + w + initScratchFloats([w, w], cfg.init);
  const bytes = F64 * floats;
  if (bytes > LIMITS.memoryBytes) {
    throw new UsageError(
      `--width ${w} with --samples ${n} needs about ${formatBytes(bytes)} (a ${w} × ${w} weight matrix and ${w} × ${n} activations); the limit is ${formatBytes(LIMITS.memoryBytes)}, ${MEMORY_WHY}`,
    );
  }
  const seconds =
    depth *
    ((w * w * n) / (MACS_PER_SECOND[cfg.backend ?? 'wasm'] ?? MACS_PER_SECOND.ts) +
      initFlops([w, w], cfg.init) / JS_FLOPS);
  if (seconds > LIMITS.commandSeconds) {
    throw new UsageError(
      `--depth ${depth} --width ${w} --samples ${n} takes about ${formatSeconds(seconds)}; the limit is ${formatSeconds(LIMITS.commandSeconds)}: choose fewer layers, units or samples`,
    );
  }
}

/** `initlab predict`: one forward pass over the data and its printed predictions. */
export function checkPredict(dims: readonly number[], m: number): void {
  const bytes =
    F64 * (parameters(dims) + workspaceFloats(dims, m) + dims[0] * m) + 2 * m * PRINTED_BYTES;
  if (bytes > LIMITS.memoryBytes)
    throw new UsageError(
      `predicting ${m} examples with a ${dims.join('-')} network needs about ${formatBytes(bytes)}; the limit is ${formatBytes(LIMITS.memoryBytes)}, ${MEMORY_WHY}`,
    );
}

/**
 * Workers for `jobs` jobs of `jobBytes` each: at most the jobs, the cores and what fits in
 * memory. Returns the count and, when it is below what was asked, why.
 */
export function workerCount(
  asked: number,
  jobs: number,
  cores: number,
  jobBytes: number,
): { workers: number; note?: string } {
  if (!Number.isInteger(asked) || asked < 1 || asked > LIMITS.maxWorkers)
    throw new UsageError(
      `--workers must be a whole number from 1 to ${LIMITS.maxWorkers}, got ${asked}`,
    );
  const fit = Math.max(1, Math.floor(LIMITS.memoryBytes / Math.max(1, jobBytes)));
  const workers = Math.max(1, Math.min(asked, jobs, cores, fit));
  if (workers === asked) return { workers };
  const why =
    workers === jobs
      ? `the grid has ${jobs} run${jobs === 1 ? '' : 's'}`
      : workers === cores
        ? `the machine has ${cores} cores`
        : `${workers} runs of ${formatBytes(jobBytes)} fill the ${formatBytes(LIMITS.memoryBytes)} memory limit`;
  return { workers, note: `--workers ${asked}: using ${workers} (${why})` };
}

/**
 * The web lab's own bounds on its hidden-layer field (it trains live, several runs at once,
 * in a page): how many hidden layers and how wide. The field's text may be as long as the
 * longest list these allow, written with spaces, so the text cap never refuses what the
 * numbers accept; memory and time are then checked by `checkTraining`, as on the command line.
 */
export const LAB_LIMITS = {
  hiddenLayers: 50,
  layerSize: 2048,
  /** "2048, " per layer, and room for spaces around each size. */
  hiddenTextLength: 50 * (String(2048).length + 6),
} as const;
