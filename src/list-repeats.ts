// One rule for every list flag (--inits, --seeds, --lr and the sweep axes): a value given twice
// is refused, never run twice or silently dropped. Running it twice would count one setting
// as two replicates (a sweep's spread of 0); dropping it would hide what the user asked for.

/**
 * The first item whose key equals an earlier item's key, with that earlier item; undefined
 * when every key differs. Linear in the items.
 */
export function firstRepeat<T>(
  items: readonly T[],
  key: (item: T) => string | number,
): { item: T; earlier: T } | undefined {
  const seen = new Map<string | number, T>();
  for (const item of items) {
    const k = key(item);
    const earlier = seen.get(k);
    if (earlier !== undefined) return { item, earlier };
    seen.set(k, item);
  }
  return undefined;
}
