// The fused training loop (whole iterations per WebAssembly call, assembly/train-steps.ts)
// against the same kernels called one by one: the same numbers, bit for bit, whatever the
// network, and the notebook's reference numbers with every backend.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createThreadedKernels } from '../dist/node/threaded-kernels.js';
import { notebookData } from '../src/experiments/notebook.js';
import { NOTEBOOK_DEFAULTS } from '../src/experiments/notebook-config.js';
import { runExperiment } from '../src/experiments/run.js';
import { KERNELS_WASM_BASE64 } from '../src/generated/kernels-wasm.js';
import { activationFromName } from '../src/nn/activations.js';
import { getKernels } from '../src/nn/backends.js';
import { fuseTraining } from '../src/nn/fused-training.js';
import { initializers } from '../src/nn/initializers.js';
import { type Kernels, tsKernels } from '../src/nn/kernels.js';
import { Matrix } from '../src/linalg/matrix.js';
import { defaultActivations, initializeNetwork, networkToDict } from '../src/nn/network.js';
import { stage } from '../src/nn/stage.js';
import { decodeBase64 } from '../src/base64.js';
import type { WasmExports } from '../src/nn/wasm-kernels.js';
import { RandomState } from '../src/rng/random-state.js';
import { train } from '../src/train/train.js';
import { maxRelErr, ref } from './helpers.js';

const wasm = getKernels('wasm');
/** The wasm kernels with the fused loop taken away: train.ts then calls them one by one. */
const unfused: Kernels = { ...wasm, fuse: undefined };

function instance(floats: number): { x: WasmExports; memory: WebAssembly.Memory } {
  const memory = new WebAssembly.Memory({ initial: Math.ceil((16 + 16 * floats) / 65536) + 1 });
  const x = new WebAssembly.Instance(new WebAssembly.Module(decodeBase64(KERNELS_WASM_BASE64)), {
    env: { memory },
  }).exports as unknown as WasmExports;
  return { x, memory };
}

describe('the sigmoid in WebAssembly is the JavaScript one, bit for bit', () => {
  // every branch of V8's exp: |z| below 2^-28, up to ln2/2, up to 1.5·ln2, the general
  // reduction, exp(1) itself, near overflow and underflow, subnormal results, ±Infinity, NaN
  const special = [
    0,
    -0,
    1e-300,
    -1e-300,
    2 ** -29,
    -(2 ** -29),
    0.3,
    -0.3,
    0.5,
    -0.5,
    1,
    -1,
    1.0000000000000002,
    700,
    -700,
    709.78,
    -709.78,
    709.782712893384,
    -709.782712893384,
    720,
    -720,
    740,
    -740,
    746,
    -746,
    1e10,
    -1e10,
    Infinity,
    -Infinity,
    NaN,
    Number.MIN_VALUE,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
  ];
  // the edges between the branches, from their high words, and a few doubles either side
  const fromBits = (hi: number, lo: number) =>
    new Float64Array(new Uint32Array([lo, hi]).buffer)[0];
  const edges = [
    [0x3fd62e42, 0xfefa39ef],
    [0x3fd62e42, 0xffffffff],
    [0x3fd62e43, 0],
    [0x3ff0a2b1, 0xffffffff],
    [0x3ff0a2b2, 0],
    [0x3e2fffff, 0xffffffff],
    [0x3e300000, 0],
    [0x40860000, 0],
    [0x4085ffff, 0xffffffff],
  ]
    .flatMap(([hi, lo]) => [-2, -1, 0, 1, 2].map((d) => fromBits(hi, (lo + d) >>> 0)))
    .flatMap((v) => [v, -v]);
  it('on the special cases, the edges of its branches and 400,000 random inputs at every scale', () => {
    special.push(...edges);
    const rs = new RandomState(7);
    const random = [0.1, 1, 10, 100, 800].flatMap((s) =>
      Array.from(rs.randn(80_000), (v) => v * s),
    );
    const z = Float64Array.from([...special, ...random]);
    const { x, memory } = instance(2 * z.length);
    const Z = new Float64Array(memory.buffer, 16, z.length);
    const A = new Float64Array(memory.buffer, 16 + 8 * z.length, z.length);
    Z.set(z);
    x.sigmoidForward(Z.byteOffset, A.byteOffset, z.length);
    const want = Float64Array.from(z, (v) => 1 / (1 + Math.exp(-v)));
    const differ = Array.from(z).filter((_, i) => !Object.is(A[i], want[i]));
    expect(differ).toEqual([]);
  });
  it('its backward step: dA · a · (1 − a)', () => {
    const rs = new RandomState(8);
    const n = 1001;
    const { x, memory } = instance(3 * n);
    const [dA, A, dZ] = [0, 1, 2].map((i) => new Float64Array(memory.buffer, 16 + 8 * n * i, n));
    dA.set(rs.randn(n));
    A.set(Float64Array.from(rs.randn(n), (v) => 1 / (1 + Math.exp(-v))));
    x.sigmoidBackward(dA.byteOffset, A.byteOffset, dZ.byteOffset, n);
    expect(Array.from(dZ)).toEqual(Array.from(dA, (d, i) => d * A[i] * (1 - A[i])));
  });
});

/** A small random problem: weights from He, labels 0/1. */
function problem(dims: number[], m: number, act: string, seed: number) {
  const rs = new RandomState(seed);
  const X = new Matrix(dims[0], m, rs.randn(dims[0] * m));
  const Y = new Matrix(1, m, Float64Array.from(rs.randint(0, 2, m)));
  const net = () =>
    initializeNetwork(dims, initializers.he, {
      seed,
      activations: defaultActivations(dims, activationFromName(act)),
    });
  return { X, Y, net };
}

function trained(
  kernels: Kernels,
  p: ReturnType<typeof problem>,
  o: {
    learningRate: number;
    iterations: number;
    recordEvery: number;
    traceEvery?: number;
    diagnosticsEvery?: number;
  },
) {
  const net = p.net();
  const r = train(net, { X: p.X, Y: p.Y }, { ...o, naiveLoss: true, kernels });
  return {
    costs: r.costs,
    trace: r.trace,
    diagnostics: r.diagnostics,
    finalCost: r.finalCost,
    stopReason: r.stopReason,
    divergedAt: r.divergedAt,
    iterationsRun: r.iterationsRun,
    params: networkToDict(net),
  };
}

describe("fused iterations give the one-by-one kernels' numbers", () => {
  it("the fused loop is there for the notebook's network and not for what it cannot run", () => {
    const p = problem([2, 10, 5, 1], 300, 'relu', 1);
    const s = stage(p.net(), p.X, p.Y, wasm);
    expect(fuseTraining(s.net, s.X, s.Y as Matrix, s.ws, wasm)).not.toBeNull();
    expect(fuseTraining(s.net, s.X, s.Y as Matrix, s.ws, tsKernels)).toBeNull();
    const t = problem([2, 10, 5, 1], 300, 'tanh', 1); // Math.tanh stays in JavaScript
    const st = stage(t.net(), t.X, t.Y, wasm);
    expect(fuseTraining(st.net, st.X, st.Y as Matrix, st.ws, wasm)).toBeNull();
  });
  it('bit for bit, for random depths, widths, example counts, record, trace and diagnostics intervals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 0, maxLength: 4 }),
        fc.integer({ min: 1, max: 70 }),
        fc.constantFrom('relu', 'sigmoid'),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }),
        fc.integer({ min: 1, max: 17 }),
        fc.integer({ min: 1, max: 9 }),
        fc.integer({ min: 0, max: 13 }),
        (hidden, m, act, seed, recordEvery, traceEvery, diagnosticsEvery) => {
          const p = problem([3, ...hidden, 1], m, act, seed);
          const o = {
            learningRate: 0.3,
            iterations: 60,
            recordEvery,
            traceEvery,
            diagnosticsEvery,
          };
          const a = trained(unfused, p, o);
          const b = trained(wasm, p, o);
          expect(b).toEqual(a);
          expect(b.costs.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 60 },
    );
  });
  it('a run that blows up stops at the same iteration with the same record', () => {
    // a huge step: the logits overflow within a few iterations
    for (const seed of [1, 2, 3]) {
      const p = problem([2, 8, 4, 1], 50, 'relu', seed);
      const o = { learningRate: 1e155, iterations: 40, recordEvery: 25 };
      const a = trained(unfused, p, o);
      const b = trained(wasm, p, o);
      expect(a.stopReason).toBe('diverged');
      expect(b).toEqual(a);
    }
  });
  it('costs traced on every iteration, with and without a test set, and through a blow-up', () => {
    // a traced cost is read from the fused iteration's forward pass; a test cost reads the
    // weights before the update, so those iterations stay one kernel at a time
    for (const seed of [4, 5]) {
      const p = problem([2, 9, 6, 1], 40, 'relu', seed);
      const testData = {
        X: problem([2, 9, 6, 1], 17, 'relu', seed + 9).X,
        Y: new Matrix(
          1,
          17,
          Float64Array.from({ length: 17 }, (_, j) => j % 2),
        ),
      };
      for (const o of [
        { learningRate: 0.5, iterations: 50, recordEvery: 20, traceEvery: 1 },
        { learningRate: 0.5, iterations: 50, recordEvery: 20, traceEvery: 3, testData },
        { learningRate: 1e155, iterations: 30, recordEvery: 25, traceEvery: 1 },
      ]) {
        const run = (kernels: Kernels) => {
          const net = p.net();
          const r = train(net, { X: p.X, Y: p.Y }, { ...o, naiveLoss: true, kernels });
          return { r: { ...r, seconds: 0 }, params: networkToDict(net) };
        };
        const a = run(unfused);
        expect(a.r.trace.length).toBeGreaterThan(o.learningRate > 1 ? 0 : 15);
        if (o.learningRate > 1) expect(a.r.stopReason).toBe('diverged');
        expect(run(wasm)).toEqual(a);
      }
    }
  });
  it('agrees with the TypeScript reference to 1e-12', () => {
    const p = problem([2, 10, 5, 1], 300, 'relu', 3);
    const o = { learningRate: 0.01, iterations: 2000, recordEvery: 500 };
    const a = trained(tsKernels, p, o);
    const b = trained(wasm, p, o);
    expect(
      maxRelErr(
        b.costs.map((c) => c.cost),
        a.costs.map((c) => c.cost),
      ),
    ).toBeLessThanOrEqual(1e-12);
  });
});

describe("the notebook's reference numbers hold with every backend", () => {
  const data = notebookData();
  // every product shared between two threads (the fused loop, on one thread, taken away)
  const threaded: Kernels = { ...createThreadedKernels(2, { minWork: 0 }), fuse: undefined };
  const backends: [string, Kernels][] = [
    ['ts', tsKernels],
    ['wasm (fused)', wasm],
    ['wasm one kernel at a time', unfused],
    ['two threads', threaded],
  ];
  for (const init of ['zeros', 'he'] as const) {
    const runs = backends.map(
      ([name, kernels]) =>
        [
          name,
          runExperiment(
            { ...NOTEBOOK_DEFAULTS, init, printEvery: 1000, naiveLoss: true },
            data.train,
            data.test,
            { kernels },
          ).result,
        ] as const,
    );
    for (const [name, r] of runs) {
      it(`${init}, ${name}: the printed costs to 1e-9`, () => {
        const want = (ref.runs[init].costs_every_100 as number[]).filter((_, i) => i % 10 === 0);
        expect(
          maxRelErr(
            r.costs.map((c) => c.naiveCost),
            want,
          ),
        ).toBeLessThanOrEqual(1e-9);
      });
    }
    it(`${init}: fused, one kernel at a time and two threads give the same numbers, bit for bit`, () => {
      const [, fused] = runs[1],
        [, single] = runs[2],
        [, two] = runs[3];
      expect(fused.costs).toEqual(single.costs);
      expect(two.costs).toEqual(single.costs);
      expect(fused.finalCost).toBe(single.finalCost);
    });
  }
});
