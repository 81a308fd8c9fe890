// JSON for machines: non-finite numbers (a naive cost of inf) become "inf"/"-inf"/"nan"
// strings instead of JSON.stringify's silent null.
import { pyFloat } from '../format.js';

export const toJson = (value: unknown): string =>
  JSON.stringify(value, (_k, v) => (typeof v === 'number' && !Number.isFinite(v) ? pyFloat(v) : v));
