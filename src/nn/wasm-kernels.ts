// The fast backend: assembly/kernels.ts compiled to WebAssembly SIMD, behind the same
// Kernels interface as the TypeScript reference. Each arena is its own instance with its
// own memory, sized once before any view is made (growing would detach the views); a
// kernel call runs on the instance that owns its arrays, so arenas never overlap.
// Whole training iterations can run in one call (fuse, assembly/train-steps.ts), on a plan of
// the run's buffers written into room each arena keeps for it past what it hands out.
import { decodeBase64 } from '../base64.js';
import { KERNELS_WASM_BASE64 } from '../generated/kernels-wasm.js';
import type { Activation } from './activations.js';
import type { Allocator, FusedLayer, FusedSteps, Kernels } from './kernels.js';

/** dW (n × k) and db (n) from dZ (n × m) and A (k × m), all given as byte offsets. */
type WeightGradientArgs = [
  dZ: number,
  A: number,
  n: number,
  k: number,
  m: number,
  dW: number,
  db: number,
];

/** What assembly/kernels.ts exports; pointers are byte offsets into the instance's memory. */
export interface WasmExports {
  linearForward(W: number, b: number, A: number, n: number, k: number, m: number, Z: number): void;
  linearForwardColumns(
    W: number,
    b: number,
    A: number,
    n: number,
    k: number,
    m: number,
    Z: number,
    c0: number,
    c1: number,
  ): void;
  backwardLinear(W: number, dZ: number, n: number, k: number, m: number, dA: number): void;
  backwardLinearColumns(
    W: number,
    dZ: number,
    n: number,
    k: number,
    m: number,
    dA: number,
    c0: number,
    c1: number,
  ): void;
  weightGradients(...a: WeightGradientArgs): void;
  /** The same for the rows r0 ≤ i < r1 of dW and db only (one thread's share). */
  weightGradientsRows(...a: [...WeightGradientArgs, r0: number, r1: number]): void;
  outputGradient(A: number, Y: number, m: number, dZ: number): void;
  update(P: number, G: number, lr: number, len: number): void;
  reluForward(Z: number, A: number, len: number): void;
  reluBackward(dA: number, A: number, dZ: number, len: number): void;
  sigmoidForward(Z: number, A: number, len: number): void;
  sigmoidBackward(dA: number, A: number, dZ: number, len: number): void;
  trainSteps(plan: number, count: number, lr: number): number;
}

const PAGE = 65536;
const ALIGN = 16; // bytes: one v128
const BASE = 16; // keep offset 0 unused
// The fused plan (assembly/train-steps.ts): 4 words, then 11 per layer
const PLAN_HEAD = 4;
const PLAN_PER_LAYER = 11;
const PLAN_BYTES = 4096;
const MAX_FUSED_LAYERS = Math.floor((PLAN_BYTES / 4 - PLAN_HEAD) / PLAN_PER_LAYER);
/** Activations the fused loop computes itself, by their code in the plan. */
const FUSED_ACTIVATIONS = ['relu', 'sigmoid'];

let compiled: WebAssembly.Module | null | undefined;

function kernelModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(decodeBase64(KERNELS_WASM_BASE64));
    } catch {
      compiled = null; // no WebAssembly, or no SIMD in this engine
    }
  }
  return compiled;
}

/** True when this JavaScript engine runs the SIMD kernels. */
export const wasmSimdSupported = (): boolean =>
  typeof WebAssembly === 'object' && kernelModule() !== null;

/** How a host other than the default one runs the kernels (Node's threads: src/node/threaded-kernels.ts). */
export interface WasmKernelHost {
  /** The compiled kernels, built for the memories `memory` makes. */
  module: WebAssembly.Module;
  /** A new arena's memory, of `pages` 64 KiB pages. */
  memory(pages: number): WebAssembly.Memory;
  /** Told of every arena once its instance exists; `buffer` is the one every view of it is on. */
  onArena?(memory: WebAssembly.Memory, exports: WasmExports, buffer: ArrayBufferLike): void;
}

export function createWasmKernels(host?: WasmKernelHost): Kernels {
  const module = host?.module ?? kernelModule();
  if (!module) throw new Error('WebAssembly SIMD is not available here');
  const owners = new WeakMap<ArrayBufferLike, WasmExports>();
  const plans = new WeakMap<ArrayBufferLike, number>(); // byte offset of each arena's plan
  let lastBuffer: ArrayBufferLike | null = null;
  let last: WasmExports | null = null;
  // the instance owning an array (the last one used is the common case)
  const on = (a: Float64Array): WasmExports => {
    if (a.buffer === lastBuffer) return last as WasmExports;
    const x = owners.get(a.buffer);
    if (!x)
      throw new Error(
        'wasm kernels were given an array outside their arenas (allocate it with arena())',
      );
    lastBuffer = a.buffer;
    last = x;
    return x;
  };
  return {
    name: 'wasm',
    arena(floats: number): Allocator {
      const plan = Math.ceil((BASE + floats * 8 + 64 * ALIGN) / ALIGN) * ALIGN;
      const pages = Math.ceil((plan + PLAN_BYTES) / PAGE);
      const memory = host ? host.memory(pages) : new WebAssembly.Memory({ initial: pages });
      const x = new WebAssembly.Instance(module, { env: { memory } })
        .exports as unknown as WasmExports;
      const buffer = memory.buffer; // one object for every view (a shared memory may hand out a new one per read)
      owners.set(buffer, x);
      plans.set(buffer, plan);
      host?.onArena?.(memory, x, buffer);
      let top = BASE;
      return (length: number) => {
        top = Math.ceil(top / ALIGN) * ALIGN;
        if (top + length * 8 > plan)
          throw new Error(
            `wasm arena too small for ${length} more values (reserve them in arena())`,
          );
        const view = new Float64Array(buffer, top, length);
        top += length * 8;
        return view;
      };
    },
    activate(act: Activation, Z, A, len) {
      if (act.name === 'relu') on(Z).reluForward(Z.byteOffset, A.byteOffset, len);
      else act.forward(Z, A, len); // transcendental ones stay in JS: the same Math.exp as the reference
    },
    activateBackward(act: Activation, dA, Z, A, dZ, len) {
      if (act.name === 'relu') on(dA).reluBackward(dA.byteOffset, A.byteOffset, dZ.byteOffset, len);
      else act.backward(dA, Z, A, dZ, len);
    },
    linearForward: (W, b, A, n, k, m, Z) =>
      on(W).linearForward(W.byteOffset, b.byteOffset, A.byteOffset, n, k, m, Z.byteOffset),
    outputGradient: (A, Y, m, dZ) =>
      on(A).outputGradient(A.byteOffset, Y.byteOffset, m, dZ.byteOffset),
    weightGradients: (dZ, A, n, k, m, dW, db) =>
      on(dZ).weightGradients(dZ.byteOffset, A.byteOffset, n, k, m, dW.byteOffset, db.byteOffset),
    backwardLinear: (W, dZ, n, k, m, dA) =>
      on(W).backwardLinear(W.byteOffset, dZ.byteOffset, n, k, m, dA.byteOffset),
    update: (P, G, lr, len) => on(P).update(P.byteOffset, G.byteOffset, lr, len),
    // One plan per arena: fusing again on the same arena replaces the earlier plan.
    fuse(
      layers: readonly FusedLayer[],
      X: Float64Array,
      Y: Float64Array,
      m: number,
    ): FusedSteps | null {
      const codes = layers.map((l) => FUSED_ACTIVATIONS.indexOf(l.activation.name));
      if (layers.length === 0 || layers.length > MAX_FUSED_LAYERS || codes.some((c) => c < 0))
        return null;
      const arrays = [X, Y, ...layers.flatMap((l) => [l.W, l.b, l.Z, l.A, l.dZ, l.dA, l.dW, l.db])];
      const buffer = X.buffer;
      const at = plans.get(buffer);
      if (at === undefined || arrays.some((a) => a.buffer !== buffer)) return null;
      const x = on(X);
      const words = [
        layers.length,
        m,
        X.byteOffset,
        Y.byteOffset,
        ...layers.flatMap((l, i) => [
          l.n,
          l.k,
          l.W.byteOffset,
          l.b.byteOffset,
          l.Z.byteOffset,
          l.A.byteOffset,
          l.dZ.byteOffset,
          l.dA.byteOffset,
          l.dW.byteOffset,
          l.db.byteOffset,
          codes[i],
        ]),
      ];
      new Int32Array(buffer, at, words.length).set(words);
      return { run: (count, lr) => x.trainSteps(at, count, lr) };
    },
  };
}
