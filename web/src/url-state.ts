// The lab's whole setup as URL query parameters: the same URL gives the same numbers.
// Read with schemas and initlab's own parsers; nothing from the URL is ever evaluated.
import * as z from 'zod/mini';
import { datasetFromSpec } from '../../src/data/registry.js';
import { NOTEBOOK_DEFAULTS, NOTEBOOK_TRAIN_SPEC } from '../../src/experiments/notebook-config.js';
import { hiddenActivations } from '../../src/experiments/run.js';
import { RANDOM_SCALE, resolveInitializer } from '../../src/nn/initializers.js';
import { parseOptimizer } from '../../src/nn/optimizers.js';
import { OPTIONS } from '../../src/options.js';
import { checkNoEmptyEntry, repeatedSpec, splitSpecList } from '../../src/spec.js';
import { checkInitializerCounts, LAB_LIMITS } from '../../src/limits.js';
import { checkLabRun } from '../../src/lab-limits.js';
import { type ParamDef, readParam } from '../../src/validate.js';
import { parseSpec } from '../../src/spec.js';
import { defaultTestSpec } from '../../src/experiments/test-spec.js';
import { clip } from './echo.js';

export interface LabState {
  view: 'lesson' | 'lab' | 'depth';
  data: string;
  /** Test data SPEC; empty: the test set follows the data (same generator, next seed; none for a CSV). */
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
  test: '',
  hidden: NOTEBOOK_DEFAULTS.layers.slice(1, -1),
  act: NOTEBOOK_DEFAULTS.activation,
  inits: ['he'],
  seed: NOTEBOOK_DEFAULTS.seed,
  scale: RANDOM_SCALE,
  opt: 'gd',
  lr: NOTEBOOK_DEFAULTS.learningRate,
  it: NOTEBOOK_DEFAULTS.iterations,
  bs: 0,
  speed: 200,
};

/** The page's name of each setting: messages speak of the field the user sees, never of a CLI flag. */
export const FIELD_LABELS: Record<keyof LabState, string> = {
  view: 'View',
  data: 'Dataset',
  test: 'Test data',
  hidden: 'Hidden layers',
  act: 'Activation',
  inits: 'Initializers',
  seed: 'Weight seed',
  scale: 'Scale (random)',
  opt: 'Optimizer',
  lr: 'Learning rate',
  it: 'Iterations',
  bs: 'Batch size',
  speed: 'Speed',
};

// A SPEC-valued field: checked by the registry that owns it (its messages name the entry and the parameter).
const checked = (label: string, check: (v: string) => unknown) =>
  z.string().check(
    z.maxLength(500, { message: `${label} is longer than 500 characters` }),
    z.superRefine((v: string, ctx) => {
      try {
        check(v);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: (e as Error).message, input: v });
      }
    }),
  );
/** Examples of each dataset spec seen (for the memory check without generating the data twice). */
const examples = new Map<string, number>();
const examplesOf = (spec: string): number => {
  if (!examples.has(spec)) examples.set(spec, datasetFromSpec(spec).X.cols);
  return examples.get(spec) as number;
};

/**
 * Hidden layer sizes as the page takes them: `10,5` (each 1 to 2048, at most 50 layers; empty:
 * none). The text cap is the longest list those allow (src/limits.ts), so it never refuses
 * what the number caps accept; memory and time are checked on the whole job in readState.
 */
function parseHidden(text: string): number[] {
  const { hiddenLayers, layerSize, hiddenTextLength } = LAB_LIMITS;
  const fail = (): never => {
    throw new Error(
      `${FIELD_LABELS.hidden} must be sizes like 10,5 (each from 1 to ${layerSize}, at most ${hiddenLayers} layers), got ${JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text)}`,
    );
  };
  if (text.length > hiddenTextLength || !/^\s*(\d+\s*(,\s*\d+\s*)*)?$/.test(text)) fail();
  const sizes = text.trim() ? text.split(',').map(Number) : [];
  if (sizes.length > hiddenLayers || sizes.some((n) => n < 1 || n > layerSize)) fail();
  return sizes;
}

// A numeric field: the core option's schema, within the page's own bounds where it has them.
const number = (label: string, def: ParamDef) => checked(label, (v) => readParam(def, v, label));

/**
 * The most points the web lab draws for a dataset. Its data are drawn on the page (to check
 * the SPEC) and again in the worker, and every point is plotted: 10,000,000 froze the page
 * for seconds. The command line takes larger sets.
 */
export const WEB_MAX_POINTS = 100_000;

/** Checks a dataset SPEC as the registry does, refusing too many points before any is drawn. */
function checkDataSpec(v: string): void {
  const { params } = parseSpec(v, 'dataset');
  if (params.n !== undefined && Number(params.n) > WEB_MAX_POINTS) {
    throw new Error(
      `n=${params.n} is more points than the web lab draws (at most ${WEB_MAX_POINTS}; the command line takes more)`,
    );
  }
  datasetFromSpec(v);
}

const fields = {
  view: z.enum(['lesson', 'lab', 'depth'], {
    message: `${FIELD_LABELS.view} must be lesson, lab or depth`,
  }),
  data: checked(FIELD_LABELS.data, (v) => {
    checkDataSpec(v);
    examples.set(v, datasetFromSpec(v).X.cols);
  }),
  test: checked(FIELD_LABELS.test, (v) => {
    if (v.trim()) {
      checkDataSpec(v);
      examples.set(v, datasetFromSpec(v).X.cols);
    }
  }),
  hidden: z.pipe(
    checked(FIELD_LABELS.hidden, (v) => parseHidden(v)),
    z.transform(parseHidden),
  ),
  act: z
    .string()
    .check(z.maxLength(200, { message: `${FIELD_LABELS.act} is longer than 200 characters` })),
  inits: z.pipe(
    checked(FIELD_LABELS.inits, (v) => {
      checkNoEmptyEntry(v, FIELD_LABELS.inits);
      const list = splitSpecList(v);
      if (!list.length || list.length > 8)
        throw new Error(`${FIELD_LABELS.inits}: choose 1 to 8 initializations, got ${list.length}`);
      const twice = repeatedSpec(list);
      if (twice !== undefined)
        throw new Error(
          `${FIELD_LABELS.inits}: ${JSON.stringify(twice)} is given twice; give each initialization once`,
        );
      for (const i of list) checkInitializerCounts(resolveInitializer(i));
    }),
    z.transform(splitSpecList),
  ),
  seed: z.pipe(number(FIELD_LABELS.seed, OPTIONS.seed), z.transform(Number)),
  scale: z.pipe(
    number(FIELD_LABELS.scale, { ...OPTIONS.scale, min: -1e6, max: 1e6 }),
    z.transform(Number),
  ),
  opt: checked(FIELD_LABELS.opt, parseOptimizer),
  lr: z.pipe(number(FIELD_LABELS.lr, { ...OPTIONS.learningRate, max: 100 }), z.transform(Number)),
  it: z.pipe(
    number(FIELD_LABELS.it, { ...OPTIONS.iterations, max: 10_000_000 }),
    z.transform(Number),
  ),
  bs: z.pipe(
    number(FIELD_LABELS.bs, { ...OPTIONS.batchSize, max: 1_000_000 }),
    z.transform(Number),
  ),
  speed: z.pipe(
    number(FIELD_LABELS.speed, { integer: true, min: 1, max: 100_000, doc: 'iterations per step' }),
    z.transform(Number),
  ),
} as const;

export type FieldErrors = Partial<Record<keyof LabState, string>>;

/**
 * The state a URL describes (defaults where it is silent), a message per parameter that was
 * refused, and `notices`: what the link held that is no setting at all (an unknown key such
 * as `bogus=1`, `__proto__=1` or `constructor=x`), each ignored and said so. A key given more
 * than once (`seed=1&seed=2`) is refused like a bad value: neither is guessed at, the default
 * stands and the field says why. Keys are only ever compared with the names of the settings,
 * never used to index an object, so a prototype key reaches nothing.
 */
export function readState(search: string): {
  state: LabState;
  errors: FieldErrors;
  notices: string[];
} {
  const params = new URLSearchParams(search);
  const state: LabState = { ...DEFAULT_STATE };
  const errors: FieldErrors = {};
  const notices = unknownKeyNotices(params);
  for (const key of Object.keys(fields) as (keyof LabState)[]) {
    const all = params.getAll(key);
    if (!all.length) continue;
    if (all.length > 1) {
      errors[key] =
        `${FIELD_LABELS[key]} is given ${all.length} times in the link (${all.map((v) => JSON.stringify(clip(v, 40))).join(', ')}); give it once`;
      continue;
    }
    const r = (fields[key] as z.ZodMiniType).safeParse(all[0]);
    if (r.success) (state as unknown as Record<string, unknown>)[key] = r.data;
    else errors[key] = r.error.issues[0].message;
  }
  // memory and time of the whole job, by the command line's rules (src/limits.ts)
  if (!errors.hidden && !errors.data && !errors.test && !errors.inits) {
    try {
      checkLabRun({
        hidden: state.hidden,
        features: 2,
        m: examplesOf(state.data),
        mTest: examplesOf(
          state.test.trim() || defaultTestSpec(state.data, datasetFromSpec(state.data)),
        ),
        inits: state.inits,
        iterations: state.it,
        batchSize: state.bs,
        optimizer: state.opt,
      });
    } catch (e) {
      errors.hidden = (e as Error).message;
      state.hidden = DEFAULT_STATE.hidden;
    }
  }
  try {
    hiddenActivations([2, ...state.hidden, 1], state.act, FIELD_LABELS.act);
  } catch (e) {
    errors.act = (e as Error).message;
    state.act = DEFAULT_STATE.act;
  }
  return { state, errors, notices };
}

/** One line per key of the link that names no setting: what it was, and that it was ignored. */
function unknownKeyNotices(params: URLSearchParams): string[] {
  const settings = Object.keys(fields);
  const unknown: string[] = [];
  for (const key of params.keys())
    if (!settings.includes(key) && !unknown.includes(key)) unknown.push(key);
  return unknown.map((key) => {
    const shown = `${JSON.stringify(clip(key, 40))}${params.getAll(key).length > 1 ? ` (${params.getAll(key).length} times)` : ''}`;
    return `The link's ${shown} is not a setting of the lab and was ignored; its settings are ${settings.join(', ')}`;
  });
}

/**
 * Every line the page's notices box shows for a link: its refused settings (each with what was
 * given; the default stands in) and the keys it ignored. The one place these messages are made,
 * wherever the page shows them.
 */
export function urlNotices(
  search: string,
  read: { errors: FieldErrors; notices: string[] } = readState(search),
): string[] {
  const given = new URLSearchParams(search);
  const refused = (Object.entries(read.errors) as [keyof LabState, string][]).map(([k, m]) => {
    const message = m.startsWith(FIELD_LABELS[k]) ? m : `${FIELD_LABELS[k]}: ${m}`;
    // a repeated key's message lists every value already
    const shown =
      given.getAll(k).length > 1 ? '' : ` (${k}=${JSON.stringify(clip(given.get(k) ?? ''))})`;
    return `${message}${shown}; the default is used`;
  });
  return [...refused, ...read.notices];
}

/** The query string for a state: only what differs from the defaults, in a fixed order. */
export function writeState(s: LabState): string {
  const p = new URLSearchParams();
  const value = (k: keyof LabState): string => {
    const v = s[k];
    return k === 'hidden'
      ? (v as number[]).join(',')
      : k === 'inits'
        ? (v as string[]).join(',')
        : String(v);
  };
  for (const k of Object.keys(fields) as (keyof LabState)[]) {
    const v = value(k);
    const d =
      k === 'hidden'
        ? DEFAULT_STATE.hidden.join(',')
        : k === 'inits'
          ? DEFAULT_STATE.inits.join(',')
          : String(DEFAULT_STATE[k]);
    if (v !== d) p.set(k, v);
  }
  return p.toString();
}
