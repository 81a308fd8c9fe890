// One way to validate: every parameter of a registry entry (initializer, activation,
// optimizer, dataset) and every option (learning rate, seed, …) is a ParamDef, a plain
// description of what it accepts. It is compiled to a zod/mini schema that does the
// checking, and every refusal is one line that says who was given what and what is
// accepted: `activation "leaky-relu": slope must be a finite number >= 0, got "0x10"`.
// The core names parameters by their own names; the CLI passes its flag (`--lr`) and the
// web lab its field label as the name, so each speaks in its user's words.
//
// zod/mini (the functional API): bundled, it is a 30 kB part of zod that loads in ~15 ms,
// where the chaining API costs ~90 ms at every start of a command or worker.
import * as z from 'zod/mini';
import { UsageError } from './errors.js';

/** A parameter's value: a number, a word or a switch. */
export type ParamValue = number | string | boolean;

/**
 * What one parameter accepts. A parameter is a choice when it has `choices`, true/false when
 * its default is a boolean (or `boolean` is set), else a finite number written in decimal
 * (`1`, `-0.5`, `1e-3`; never hex, `Infinity`, `NaN` or an empty value).
 *
 * One rule for every value, whoever reads it (SPEC fields of datasets, initializers,
 * activations, optimizers and decays; numeric flags; the web lab's fields and link): a value
 * is accepted only in its one documented form, with nothing around it. A number is
 * `-?DIGITS[.DIGITS][e±DIGITS]` (`0.5`, not `.5`, `5.` or `+0.5`); a whole number is decimal
 * digits only (`5`, not `5e0`, `5.0` or `+5`); a choice or a switch is its word. Spaces are
 * never part of a value: `n= 5` and `n=5 ` are refused like `n=0x5`, with the plain spelling.
 */
export interface ParamDef {
  /** The value taken when the parameter is not given; absent: the parameter is optional. */
  default?: ParamValue;
  /** One line for catalogues and help. */
  doc: string;
  /** The accepted words of a choice. */
  choices?: readonly string[];
  /** Other spellings of a choice, mapped to the choice they mean (e.g. Keras' `normal` → `truncated_normal`). */
  aliases?: Readonly<Record<string, string>>;
  /** A true/false parameter (implied by a boolean default). */
  boolean?: boolean;
  /** Whole numbers only. */
  integer?: boolean;
  /** Smallest accepted number (inclusive). */
  min?: number;
  /** Largest accepted number (inclusive). */
  max?: number;
  /** Numbers must be greater than this. */
  gt?: number;
  /** Numbers must be less than this. */
  lt?: number;
  /** 0 is refused (with `min: 0`: the number must be > 0). */
  positive?: boolean;
}

/** A registry entry's parameters by name. */
export type ParamSchema = Readonly<Record<string, ParamDef>>;

/** A number as initlab accepts one: optional minus, digits, optional fraction digits and exponent. */
const DECIMAL = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;
/** Spellings JavaScript would read as the same number, refused with the plain one as a hint. */
const LOOSE_DECIMAL = /^\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*$/;
/**
 * How a whole number is written: ASCII decimal digits, a minus sign only before a non-zero
 * value, nothing around them. `1e3`, `0x10`, `1.0`, `+5`, ` 5`, `٥`, `-0` and `Infinity`
 * are refused rather than read as some other number than the user may think.
 */
const INTEGER = /^(-?[0-9]*[1-9][0-9]*|0+)$/;

/**
 * True when `text` is a whole number as initlab accepts one: decimal digits only and exact
 * in a float64 (at most 2^53 − 1 in size). Bounds are the caller's to check.
 */
export const isIntegerText = (text: string): boolean =>
  INTEGER.test(text) && Number.isSafeInteger(Number(text));
const TRUE_WORDS = ['true', '1', 'yes'];
const BOOLEAN_WORDS = [...TRUE_WORDS, 'false', '0', 'no'];

const isBoolean = (def: ParamDef) => def.boolean === true || typeof def.default === 'boolean';

/** What a parameter accepts, in words: "a finite number >= 0", "an integer from 1 to 10", "one of a, b". */
export function acceptedText(def: ParamDef): string {
  if (def.choices) {
    const aliases = Object.entries(def.aliases ?? {}).map(([a, to]) => `${a} (= ${to})`);
    return `one of ${[...def.choices, ...aliases].join(', ')}`;
  }
  if (isBoolean(def)) return 'true or false';
  const base = def.integer ? 'an integer' : 'a finite number';
  const lower =
    def.gt !== undefined
      ? `> ${def.gt}`
      : def.min !== undefined
        ? def.positive && def.min === 0
          ? '> 0'
          : `>= ${def.min}`
        : def.positive
          ? '≠ 0'
          : '';
  const upper = def.lt !== undefined ? `< ${def.lt}` : def.max !== undefined ? `<= ${def.max}` : '';
  if (
    def.min !== undefined &&
    def.max !== undefined &&
    !def.positive &&
    def.gt === undefined &&
    def.lt === undefined
  )
    return `${base} from ${def.min} to ${def.max}`;
  return [base, lower, lower && upper ? 'and' : '', upper].filter(Boolean).join(' ');
}

const schemaCache = new WeakMap<ParamDef, z.ZodMiniType<ParamValue, string>>();

/** The zod/mini schema a ParamDef describes: text in, the typed value out. */
export function paramSchema(def: ParamDef): z.ZodMiniType<ParamValue, string> {
  const cached = schemaCache.get(def);
  if (cached) return cached;
  let schema: z.ZodMiniType<ParamValue, string>;
  if (def.choices) {
    const words = [...def.choices, ...Object.keys(def.aliases ?? {})];
    schema = z.pipe(
      z.string().check(z.refine((v: string) => words.includes(v))),
      z.transform((v: string) =>
        def.aliases && Object.hasOwn(def.aliases, v) ? def.aliases[v] : v,
      ),
    );
  } else if (isBoolean(def)) {
    schema = z.pipe(
      z.string().check(
        z.toLowerCase(),
        z.refine((v: string) => BOOLEAN_WORDS.includes(v)),
      ),
      z.transform((v: string) => TRUE_WORDS.includes(v)),
    );
  } else if (def.integer) {
    schema = z.pipe(
      z.pipe(z.string().check(z.refine(isIntegerText)), z.transform(Number)),
      numberSchema(def),
    );
  } else {
    schema = z.pipe(
      z.pipe(z.string().check(z.regex(DECIMAL)), z.transform(Number)),
      numberSchema(def),
    );
  }
  schemaCache.set(def, schema);
  return schema;
}

const numberCache = new WeakMap<ParamDef, z.ZodMiniNumber<number>>();

/** The bounds of a numeric ParamDef as a zod/mini number schema (finite always). */
function numberSchema(def: ParamDef): z.ZodMiniNumber<number> {
  const cached = numberCache.get(def);
  if (cached) return cached;
  const checks: z.core.$ZodCheck<number>[] = [z.refine(Number.isFinite)];
  if (def.integer)
    checks.push(
      z.refine(Number.isSafeInteger),
      z.refine((x: number) => !Object.is(x, -0)),
    );
  if (def.min !== undefined) checks.push(z.minimum(def.min));
  if (def.max !== undefined) checks.push(z.maximum(def.max));
  if (def.gt !== undefined) checks.push(z.gt(def.gt));
  if (def.lt !== undefined) checks.push(z.lt(def.lt));
  if (def.positive) checks.push(z.refine((x: number) => x !== 0));
  const schema = z.number().check(...checks);
  numberCache.set(def, schema);
  return schema;
}

/**
 * A number that arrived as a number (a library call, a worker message) held to the same
 * schema as typed text: `checkValue(OPTIONS.iterations, 1.5, 'iterations')`.
 * @throws UsageError `NAME must be ACCEPTED, got VALUE`
 */
export function checkValue(def: ParamDef, value: number, name: string): number {
  if (numberSchema(def).safeParse(value).success) return value;
  throw new UsageError(`${name} must be ${acceptedText(def)}, got ${value}`);
}

/**
 * One value checked against its ParamDef. `name` is how the user knows it: `--lr`,
 * `Learning rate`, `activation "elu": alpha`.
 * @throws UsageError `NAME must be ACCEPTED, got "TEXT"`
 */
export function readParam(def: ParamDef, text: string, name: string): ParamValue {
  const r = paramSchema(def).safeParse(text);
  if (r.success) return r.data;
  // a number in another spelling (1e3, 1.0, +5, " 5", .5, 5., -0): say how to write it
  const loose =
    def.integer &&
    !INTEGER.test(text) &&
    LOOSE_DECIMAL.test(text) &&
    Number.isSafeInteger(Number(text));
  const looseDecimal =
    !def.integer &&
    !def.choices &&
    !isBoolean(def) &&
    !DECIMAL.test(text) &&
    LOOSE_DECIMAL.test(text) &&
    Number.isFinite(Number(text));
  const hint = loose
    ? ` (write it in decimal digits only: ${Math.abs(Number(text)) === 0 ? 0 : Number(text)})`
    : looseDecimal
      ? ` (write it as ${Number(text)}, with no sign, spaces or bare point around the digits)`
      : def.integer && INTEGER.test(text) && !Number.isSafeInteger(Number(text))
        ? ' (beyond 2^53, where whole numbers are no longer exact)'
        : DECIMAL.test(text) && !Number.isFinite(Number(text))
          ? ' (beyond the range of a float64)'
          : /\s/.test(text) && paramSchema(def).safeParse(text.trim()).success
            ? ` (write it without spaces: ${text.trim()})`
            : '';
  throw new UsageError(`${name} must be ${acceptedText(def)}, got ${JSON.stringify(text)}${hint}`);
}

/** A numeric option, read with `readParam` (undefined stays undefined: the option was not given). */
export function readNumber(
  def: ParamDef,
  text: string | undefined,
  name: string,
): number | undefined {
  return text === undefined ? undefined : (readParam(def, text, name) as number);
}

/**
 * A registry entry's parameters: every given one checked, every other at its default.
 * `context` names the entry (`dataset "circles"`); `given` may hold any key, `__proto__`
 * included (read with Object.hasOwn, never through a prototype).
 * @throws UsageError for an unknown key (with the accepted ones) or a refused value
 */
export function readParams(
  schema: ParamSchema,
  given: Readonly<Record<string, string>>,
  context: string,
): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  const keys = Object.keys(schema);
  for (const key of Object.keys(given)) {
    if (!Object.hasOwn(schema, key)) {
      throw new UsageError(
        keys.length
          ? `${context}: unknown parameter ${JSON.stringify(key)}; accepted: ${keys.join(', ')}`
          : `${context} takes no parameters, got ${JSON.stringify(key)}`,
      );
    }
  }
  for (const key of keys) {
    const def = schema[key];
    if (Object.hasOwn(given, key)) out[key] = readParam(def, given[key], `${context}: ${key}`);
    else if (def.default !== undefined) out[key] = def.default;
  }
  return out;
}

/** Every parameter at its default. */
export const defaultsOf = (schema: ParamSchema): Record<string, ParamValue> =>
  Object.fromEntries(
    Object.entries(schema)
      .filter(([, d]) => d.default !== undefined)
      .map(([k, d]) => [k, d.default as ParamValue]),
  );

/** `n=300, noise=0.05, seed=1`: the parameters and their defaults, for catalogues. */
export const describeParams = (schema: ParamSchema): string =>
  Object.entries(schema)
    .map(([k, d]) => (d.default === undefined ? k : `${k}=${d.default}`))
    .join(', ');

// ---------------------------------------------------------------------------------------
// The older zod helpers: initlab itself no longer uses them (every option is a ParamDef in
// src/options.ts, read with readParam); kept so that code written against them still builds.

export function parseOrThrow<S extends z.ZodMiniType>(
  schema: S,
  value: unknown,
  context: string,
): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  if (issue.code === 'unrecognized_keys' && schema instanceof z.ZodMiniObject) {
    const accepted = Object.keys(schema.shape).join(', ');
    throw new UsageError(
      `${context}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; accepted: ${accepted}`,
    );
  }
  // our messages name the flag already; a message of zod's own gets the value instead of the internal key
  const key = String(issue.path[issue.path.length - 1] ?? '');
  const given =
    key && value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : value;
  if (/^Invalid input/.test(issue.message))
    throw new UsageError(`${context}: ${JSON.stringify(given)} is not accepted`);
  throw new UsageError(`${context}: ${issue.message}`);
}

/** A finite number written as text (spec values, flags). */
export const num = (label: string) =>
  z.pipe(
    z.pipe(
      z.string().check(z.trim(), z.regex(DECIMAL, { message: `${label} must be a finite number` })),
      z.transform(Number),
    ),
    z.number().check(z.refine(Number.isFinite, { message: `${label} must be a finite number` })),
  );

export const int = (label: string) =>
  z.pipe(
    z.string().check(z.trim(), z.regex(/^[-+]?\d+$/, { message: `${label} must be an integer` })),
    z.transform(Number),
  );

export const bool = (label: string) =>
  z.pipe(
    z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: `${label} must be true or false` }),
    z.transform(
      (v: 'true' | 'false' | '1' | '0' | 'yes' | 'no') => v === 'true' || v === '1' || v === 'yes',
    ),
  );

/** A number given as text (`text`, e.g. num or int), then held to `checks` (z.minimum, z.gt, z.refine, ...). */
export const checkedNumber = (
  text: z.ZodMiniType<number, string>,
  ...checks: z.core.$ZodCheck<number>[]
) => z.pipe(text, z.number().check(...checks));

export const seedText = (label = 'seed') =>
  checkedNumber(
    int(label),
    z.minimum(0, { message: `${label} must be between 0 and 4294967295` }),
    z.maximum(4294967295, { message: `${label} must be between 0 and 4294967295` }),
  );
