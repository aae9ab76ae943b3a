/**
 * True for an AbortSignal, including one from another realm or polyfill (duck-typed, since
 * `instanceof` fails across realms).
 */
export function isAbortSignal(value: unknown): value is AbortSignal {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as AbortSignal).aborted === "boolean" &&
    typeof (value as AbortSignal).addEventListener === "function"
  );
}
