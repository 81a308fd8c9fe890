// Schema helpers: zod does the checking, this turns its verdict into one UsageError line.
// zod/mini (the functional API): bundled, it is a 30 kB part of zod that loads in ~15 ms,
// where the chaining API costs ~90 ms at every start of a command or worker.
import * as z from 'zod/mini';
import { UsageError } from './errors.js';

export function parseOrThrow<S extends z.ZodMiniType>(schema: S, value: unknown, context: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  if (issue.code === 'unrecognized_keys' && schema instanceof z.ZodMiniObject) {
    const accepted = Object.keys(schema.shape).join(', ');
    throw new UsageError(`${context}: unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}; accepted: ${accepted}`);
  }
  // our messages name the flag or key already; zod's generic ones get the path
  const key = String(issue.path[issue.path.length - 1] ?? '');
  const where = key && !issue.message.includes(key) ? `${key}: ` : '';
  throw new UsageError(`${context}: ${where}${issue.message}`);
}

/** A number written as text (spec values, flags). */
export const num = (label: string) =>
  z.pipe(z.string().check(z.trim(), z.regex(/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/, { message: `${label} must be a number` })), z.transform(Number));

export const int = (label: string) =>
  z.pipe(z.string().check(z.trim(), z.regex(/^[-+]?\d+$/, { message: `${label} must be an integer` })), z.transform(Number));

export const bool = (label: string) =>
  z.pipe(z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: `${label} must be true or false` }), z.transform((v: 'true' | 'false' | '1' | '0' | 'yes' | 'no') => v === 'true' || v === '1' || v === 'yes'));

/** A number given as text (`text`, e.g. num or int), then held to `checks` (z.minimum, z.gt, z.refine, ...). */
export const checkedNumber = (text: z.ZodMiniType<number, string>, ...checks: z.core.$ZodCheck<number>[]) => z.pipe(text, z.number().check(...checks));

export const seedText = (label = 'seed') =>
  checkedNumber(int(label), z.minimum(0, { message: `${label} must be between 0 and 4294967295` }), z.maximum(4294967295, { message: `${label} must be between 0 and 4294967295` }));
