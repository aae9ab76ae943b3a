/**
 * Replaces known secret strings wherever they appear, in strings and in parsed JSON, in any
 * letter case (HTTP lower-cases header names, and a server may echo a key lower-cased).
 */
export interface Redactor {
  /** Returns `text` with every secret replaced by `[redacted]`. */
  text(text: string): string;
  /** Returns a deep copy of `value` with every secret replaced inside its strings. */
  value<T>(value: T): T;
}

const MASK = "[redacted]";
/** Shorter values are too likely to occur by chance ("1", "true") to be masked usefully. */
const MIN_SECRET_LENGTH = 4;

/**
 * Builds a redactor for the API key and a push's `env` values: a server may echo a request back
 * in an error body (FastAPI's 422 carries the offending `input`), and no secret may reach an
 * error, a log line or an `onRetry` payload.
 */
export function createRedactor(secrets: Iterable<string | undefined>): Redactor {
  const list = [...new Set([...secrets].filter(isMaskable))].sort((a, b) => b.length - a.length);
  if (list.length === 0) return { text: (text) => text, value: (value) => value };
  // Longest first, so that a secret holding another is masked whole.
  const pattern = new RegExp(list.map(escapeRegExp).join("|"), "gi");
  const text = (input: string) => input.replace(pattern, MASK);
  const value = <T>(input: T): T => deepMap(input, text) as T;
  return { text, value };
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function isMaskable(secret: string | undefined): secret is string {
  return typeof secret === "string" && secret.length >= MIN_SECRET_LENGTH;
}

function deepMap(input: unknown, mapString: (s: string) => string): unknown {
  if (typeof input === "string") return mapString(input);
  if (Array.isArray(input)) return input.map((item) => deepMap(item, mapString));
  if (typeof input === "object" && input !== null) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(input)) out[mapString(key)] = deepMap(item, mapString);
    return out;
  }
  return input;
}
