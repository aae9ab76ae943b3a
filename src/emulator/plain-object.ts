/**
 * Whether `value` is a `{...}` object: not null, not an array, not a class instance. The
 * emulator keeps its own copy so that it uses no internal module of the client.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
