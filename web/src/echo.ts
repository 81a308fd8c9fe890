// What the page says back of a user's own text (a link's values, a file's name, a typed SPEC,
// a message that quotes them): never more than a glance's worth. A 2,000-character value
// echoed whole pushed the page sideways on a phone; the CSS lets every echo wrap anywhere,
// and these functions keep each one short.

/** The most characters of one user value the page repeats in its text. */
export const ECHO_MAX = 60;

/**
 * `value` as the page repeats it: its first `max` characters (whole code points, so no
 * character is cut in half), then "…" when anything was left out.
 */
export function clip(value: string, max = ECHO_MAX): string {
  const chars = Array.from(value);
  return chars.length <= max ? value : `${chars.slice(0, max).join('')}…`;
}

/**
 * A message to show on the page (from a parser, the worker or the browser) with every value
 * it repeats kept short: a "double-quoted" value (as JSON.stringify quotes them) longer than
 * ECHO_MAX characters keeps its quotes around a clipped inside, and any other run of more
 * than ECHO_MAX characters without a space or a quote is clipped as `clip` does.
 */
export function clipMessage(message: string): string {
  return message.replace(/"(?:[^"\\\n]|\\.)*"|[^\s"]+/g, (part) =>
    part.startsWith('"') && part.length > 1 ? `"${clip(part.slice(1, -1))}"` : clip(part),
  );
}
