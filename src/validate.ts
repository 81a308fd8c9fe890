// Schema helpers: zod does the checking, this turns its verdict into one UsageError line.
import { z } from 'zod';
import { UsageError } from './errors.js';

export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, context: string): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  if (issue.code === 'unrecognized_keys' && schema instanceof z.ZodObject) {
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
  z.string().trim().regex(/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/, { message: `${label} must be a number` }).transform(Number);

export const int = (label: string) =>
  z.string().trim().regex(/^[-+]?\d+$/, { message: `${label} must be an integer` }).transform(Number);

export const bool = (label: string) =>
  z.enum(['true', 'false', '1', '0', 'yes', 'no'], { message: `${label} must be true or false` }).transform((v) => v === 'true' || v === '1' || v === 'yes');

export const seedText = (label = 'seed') =>
  int(label).pipe(z.number().int().min(0, { message: `${label} must be between 0 and 4294967295` }).max(4294967295, { message: `${label} must be between 0 and 4294967295` }));
