// SPEC strings: `NAME[:key=value,...]`, e.g. `circles:n=300,noise=0.05,seed=1`.
// Parsed into a name and raw values here; each registry validates its own keys.
import { UsageError } from './errors.js';

export interface ParsedSpec {
  name: string;
  params: Record<string, string>;
}

export function parseSpec(spec: string, what: string): ParsedSpec {
  const text = spec.trim();
  const colon = text.indexOf(':');
  const name = (colon < 0 ? text : text.slice(0, colon)).trim().toLowerCase();
  if (!name) throw new UsageError(`${what} spec "${spec}" has no name; expected NAME[:key=value,...]`);
  const params: Record<string, string> = {};
  if (colon >= 0) {
    const body = text.slice(colon + 1).trim();
    if (body) {
      for (const pair of body.split(',')) {
        const eq = pair.indexOf('=');
        const key = (eq < 0 ? '' : pair.slice(0, eq)).trim();
        const value = eq < 0 ? '' : pair.slice(eq + 1).trim();
        if (!key || !value) throw new UsageError(`${what} spec "${spec}": "${pair}" is not key=value`);
        if (key in params) throw new UsageError(`${what} spec "${spec}": "${key}" is given twice`);
        params[key] = value;
      }
    }
  }
  return { name, params };
}

/**
 * A comma-separated list of SPECs, where a SPEC's own options also use commas:
 * "he,random:scale=1,mode=x,xavier" → ["he", "random:scale=1,mode=x", "xavier"]
 * (a piece with "=" but no ":" continues the previous SPEC).
 */
export function splitSpecList(text: string): string[] {
  const out: string[] = [];
  for (const piece of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (piece.includes('=') && !piece.includes(':') && out.length) out[out.length - 1] += `,${piece}`;
    else out.push(piece);
  }
  return out;
}
