// The lab's whole setup as URL query parameters: the same URL gives the same numbers.
// Read with schemas and initlab's own parsers; nothing from the URL is ever evaluated.
import * as z from 'zod/mini';
import { datasetFromSpec } from '../../src/data/registry.js';
import { NOTEBOOK_DEFAULTS, NOTEBOOK_TEST_SPEC, NOTEBOOK_TRAIN_SPEC } from '../../src/experiments/notebook-config.js';
import { hiddenActivations } from '../../src/experiments/run.js';
import { resolveInitializer } from '../../src/nn/initializers.js';
import { parseOptimizer } from '../../src/nn/optimizers.js';
import { splitSpecList } from '../../src/spec.js';
import { checkInitializerCounts, checkLabRun, LAB_LIMITS } from '../../src/limits.js';

export interface LabState {
  view: 'lesson' | 'lab';
  data: string;
  test: string;
  /** Hidden layer sizes, e.g. [10, 5]. */
  hidden: number[];
  act: string;
  inits: string[];
  seed: number;
  scale: number;
  opt: string;
  lr: number;
  it: number;
  bs: number;
  speed: number;
}

export const DEFAULT_STATE: LabState = {
  view: 'lesson',
  data: NOTEBOOK_TRAIN_SPEC,
  test: NOTEBOOK_TEST_SPEC,
  hidden: NOTEBOOK_DEFAULTS.layers.slice(1, -1),
  act: NOTEBOOK_DEFAULTS.activation,
  inits: ['he'],
  seed: NOTEBOOK_DEFAULTS.seed,
  scale: NOTEBOOK_DEFAULTS.scale,
  opt: 'gd',
  lr: NOTEBOOK_DEFAULTS.learningRate,
  it: NOTEBOOK_DEFAULTS.iterations,
  bs: 0,
  speed: 200,
};

/** Examples of each dataset spec seen (for the memory check without generating the data twice). */
const examples = new Map<string, number>();
const examplesOf = (spec: string): number => {
  if (!examples.has(spec)) examples.set(spec, datasetFromSpec(spec).X.cols);
  return examples.get(spec) as number;
};

const checked = (check: (v: string) => unknown) => z.string().check(z.maxLength(500), z.superRefine((v: string, ctx) => {
  try {
    check(v);
  } catch (e) {
    ctx.addIssue({ code: 'custom', message: (e as Error).message, input: v });
  }
}));
const number = (min: number, max: number, integer = false) => z.pipe(
  z.pipe(z.string().check(z.maxLength(40), z.regex(/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/, { message: 'must be a number' })), z.transform(Number)),
  z.number().check(z.minimum(min, { message: `must be at least ${min}` }), z.maximum(max, { message: `must be at most ${max}` }), z.refine((x: number) => !integer || Number.isInteger(x), { message: 'must be a whole number' })),
);

const fields = {
  view: z.enum(['lesson', 'lab']),
  data: checked((v) => examples.set(v, datasetFromSpec(v).X.cols)),
  test: checked((v) => examples.set(v, datasetFromSpec(v).X.cols)),
  hidden: z.pipe(
    z.pipe(z.string().check(z.maxLength(LAB_LIMITS.hiddenTextLength), z.regex(/^\s*(\d+\s*(,\s*\d+\s*)*)?$/, { message: 'must be sizes like 10,5' })), z.transform((v: string) => (v.trim() ? v.split(',').map(Number) : []))),
    z.array(z.number().check(z.minimum(1, { message: 'layer sizes must be at least 1' }), z.maximum(LAB_LIMITS.layerSize, { message: `layer sizes must be at most ${LAB_LIMITS.layerSize}` }))).check(z.maxLength(LAB_LIMITS.hiddenLayers, { message: `at most ${LAB_LIMITS.hiddenLayers} hidden layers` })),
  ),
  act: z.string().check(z.maxLength(200)),
  inits: z.pipe(checked((v) => {
    const list = splitSpecList(v);
    if (!list.length || list.length > 8) throw new Error('choose 1 to 8 initializations');
    for (const i of list) checkInitializerCounts(resolveInitializer(i));
  }), z.transform(splitSpecList)),
  seed: number(0, 4294967295, true),
  scale: number(-1e6, 1e6),
  opt: checked(parseOptimizer),
  lr: number(1e-12, 100),
  it: number(1, 10_000_000, true),
  bs: number(0, 1_000_000, true),
  speed: number(1, 100_000, true),
} as const;

export type FieldErrors = Partial<Record<keyof LabState, string>>;

/** The state a URL describes (defaults where it is silent) and a message per parameter that was refused. */
export function readState(search: string): { state: LabState; errors: FieldErrors } {
  const params = new URLSearchParams(search);
  const state: LabState = { ...DEFAULT_STATE };
  const errors: FieldErrors = {};
  for (const key of Object.keys(fields) as (keyof LabState)[]) {
    const raw = params.get(key);
    if (raw === null) continue;
    const r = (fields[key] as z.ZodMiniType).safeParse(raw);
    if (r.success) (state as unknown as Record<string, unknown>)[key] = r.data;
    else errors[key] = r.error.issues[0].message;
  }
  // memory and time of the whole job, by the command line's rules (src/limits.ts)
  if (!errors.hidden && !errors.data && !errors.test && !errors.inits) {
    try {
      checkLabRun({ hidden: state.hidden, features: 2, m: examplesOf(state.data), mTest: examplesOf(state.test), inits: state.inits, iterations: state.it, batchSize: state.bs, optimizer: state.opt });
    } catch (e) {
      errors.hidden = (e as Error).message;
      state.hidden = DEFAULT_STATE.hidden;
    }
  }
  try {
    hiddenActivations([2, ...state.hidden, 1], state.act);
  } catch (e) {
    errors.act = (e as Error).message;
    state.act = DEFAULT_STATE.act;
  }
  return { state, errors };
}

/** The query string for a state: only what differs from the defaults, in a fixed order. */
export function writeState(s: LabState): string {
  const p = new URLSearchParams();
  const value = (k: keyof LabState): string => {
    const v = s[k];
    return k === 'hidden' ? (v as number[]).join(',') : k === 'inits' ? (v as string[]).join(',') : String(v);
  };
  for (const k of Object.keys(fields) as (keyof LabState)[]) {
    const v = value(k);
    const d = k === 'hidden' ? DEFAULT_STATE.hidden.join(',') : k === 'inits' ? DEFAULT_STATE.inits.join(',') : String(DEFAULT_STATE[k]);
    if (v !== d) p.set(k, v);
  }
  return p.toString();
}
