/** How many characters of a bad value an error message quotes before cutting it. */
export const MAX_QUOTED_CHARS = 40;

/**
 * Quotes a bad value for an error message, short whatever its size: a string as JSON (so
 * whitespace and control characters show, `"echo "`, `"a\u0000b"`) cut to its first 40
 * characters with an ellipsis and its full length; a number or boolean as written; anything
 * else by its type name. Every validator quotes through this, so a 100 KB id never yields a
 * 100 KB message.
 */
export function quoteValue(value: unknown): string {
  if (typeof value === "string") {
    if (value.length <= MAX_QUOTED_CHARS) return JSON.stringify(value);
    const head = JSON.stringify(value.slice(0, MAX_QUOTED_CHARS)).slice(0, -1);
    return `${head}…" (${value.length} characters)`;
  }
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return typeName(value);
}

/**
 * Cuts a text (an error message, a rendering of a server's body) to `max` characters with an
 * ellipsis, so that nothing quoted in a message can grow it without bound.
 */
export function shorten(text: string, max = MAX_QUOTED_CHARS): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/**
 * A short name for the type of a value, for error messages: `null`, `array`, `number`...
 */
export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
