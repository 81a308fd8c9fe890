// SPEC strings: `NAME[:key=value,...]`, e.g. `circles:n=300,noise=0.05,seed=1`: the one
// parser every registry (datasets, initializers, activations, optimizers) reads its
// entries with, from every command, model file and URL.
import { UsageError } from './errors.js';
import { type ParamSchema, type ParamValue, readParams } from './validate.js';

/** A SPEC `NAME[:key=value,...]` taken apart (values still text). */
export interface ParsedSpec {
  /** The part before the colon: a dataset's, initializer's or activation's name. */
  name: string;
  /** Raw values by key. A null-prototype object: `__proto__` or `constructor` are keys like any other. */
  params: Record<string, string>;
}

/**
 * Splits a SPEC into its name (lower-cased) and raw `key=value` pairs; values are checked
 * by the registry that owns the name (see `resolveSpec`). Spaces may stand around the name
 * and before a key (after ":" or ","), as between the entries of a list; a value is kept
 * exactly as written, spaces included, so that its reader refuses `n= 5` or `n=5 ` as it
 * refuses any other spelling but the documented one (validate.ts).
 * @throws UsageError for no name, a pair without exactly one "=", a space before "=", an
 *   empty key or value, a key given twice
 */
export function parseSpec(spec: string, what: string): ParsedSpec {
  const text = spec.trimStart();
  const colon = text.indexOf(':');
  const name = (colon < 0 ? text : text.slice(0, colon)).trim().toLowerCase();
  const where = `${what} spec ${JSON.stringify(spec)}`;
  if (!name) throw new UsageError(`${where} has no name; expected NAME[:key=value,...]`);
  const params: Record<string, string> = Object.create(null);
  if (colon >= 0) {
    const body = text.slice(colon + 1);
    if (body.trim()) {
      for (const pair of body.split(',')) {
        if (!pair.trim()) throw new UsageError(`${where}: an empty key=value pair (a stray ",")`);
        const parts = pair.split('=');
        const key = parts[0].trimStart();
        const value = parts.length === 2 ? parts[1] : '';
        if (parts.length === 2 && key !== key.trimEnd())
          throw new UsageError(
            `${where}: ${JSON.stringify(pair.trim())} has a space before "="; write ${key.trim()}=${value.trim()}`,
          );
        if (parts.length > 2)
          throw new UsageError(
            `${where}: ${JSON.stringify(pair)} has more than one "="; expected key=value`,
          );
        if (!key || parts.length < 2)
          throw new UsageError(`${where}: ${JSON.stringify(pair)} is not key=value`);
        if (!value)
          throw new UsageError(`${where}: ${key} has an empty value; expected ${key}=value`);
        if (Object.hasOwn(params, key)) throw new UsageError(`${where}: ${key} is given twice`);
        params[key] = value;
      }
    }
  }
  return { name, params };
}

/** A registry entry as `resolveSpec` needs it: its parameters' schema. */
export interface SchemaEntry {
  readonly params: ParamSchema;
}

export interface ResolvedSpec<E> {
  name: string;
  entry: E;
  /** Every parameter of the entry: the given ones checked, the others at the entry's own defaults. */
  params: Record<string, ParamValue>;
  /** The keys the SPEC itself gave. */
  given: string[];
}

/**
 * A SPEC looked up in a registry and its parameters checked against the entry's schema,
 * e.g. `resolveSpec('elu:alpha=2', 'activation', activations)`.
 * @throws UsageError for an unknown name (with the accepted ones), an unknown key or a refused value
 */
export function resolveSpec<E extends SchemaEntry>(
  spec: string,
  what: string,
  registry: Readonly<Record<string, E>>,
): ResolvedSpec<E> {
  const { name, params } = parseSpec(spec, what);
  const entry = Object.hasOwn(registry, name) ? registry[name] : undefined;
  if (!entry)
    throw new UsageError(
      `unknown ${what} ${JSON.stringify(name)}; accepted: ${Object.keys(registry).join(', ')}`,
    );
  return {
    name,
    entry,
    params: readParams(entry.params, params, `${what} ${JSON.stringify(name)}`),
    given: Object.keys(params),
  };
}

/**
 * A comma-separated list of SPECs, where a SPEC's own options also use commas:
 * "he,random:scale=1,mode=x,xavier" → ["he", "random:scale=1,mode=x", "xavier"]
 * (a piece with "=" but no ":" continues the previous SPEC).
 */
export function splitSpecList(text: string): string[] {
  const out: string[] = [];
  for (const piece of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    if (piece.includes('=') && !piece.includes(':') && out.length)
      out[out.length - 1] += `,${piece}`;
    else out.push(piece);
  }
  return out;
}

/**
 * The first SPEC of a list given more than once (compared trimmed and in lower case), or
 * undefined: a repeated entry would be run twice as if it were two (a sweep's spread of 0).
 */
export function repeatedSpec(list: readonly string[]): string | undefined {
  const key = (s: string) => s.trim().toLowerCase();
  return list.find((s, k) => list.findIndex((t) => key(t) === key(s)) !== k)?.trim();
}

/**
 * Refuses a list with an empty entry (`he,,xavier`, `he,`): a stray comma would otherwise
 * drop an entry the user may have meant to give, in silence. `what` names the list.
 * @throws UsageError
 */
export function checkNoEmptyEntry(text: string, what: string): void {
  if (text.trim() && text.split(',').some((piece) => !piece.trim())) {
    throw new UsageError(
      `${what} ${JSON.stringify(text)} has an empty entry (a stray ","); give the entries separated by single commas`,
    );
  }
}
