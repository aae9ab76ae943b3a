import { SieveInputError } from "../errors/sieve-input-error.js";
import { quoteValue, shorten } from "./quote-value.js";

/**
 * The deepest nesting of objects and arrays a request body may have, counting the body itself
 * as level 1 (so `request.inputs` is level 2). Deeper values are refused before anything is
 * sent, rather than risking a `RangeError` from the serializer or a server that stops reading.
 */
export const MAX_JSON_DEPTH = 100;

/** A value JSON carries faithfully, as `toJsonValue` returns it. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Checks that `value` survives `JSON.stringify` unchanged and returns a fresh copy of it made of
 * plain data only, so that serializing the copy sends exactly what was checked (a `toJSON` is
 * called once, here, and its result checked in turn). Refused, as a `SieveInputError` naming
 * the path (`request.inputs.file.meta[2]`) without quoting the value: a BigInt, a circular
 * reference, a function, a symbol (as a value or a key), `undefined` or an empty slot in an
 * array, NaN and ±Infinity, a Map, Set or any object that is neither plain nor an array and has
 * no `toJSON` (a class instance, a RegExp, a boxed primitive), a `toJSON` or getter that throws,
 * and nesting deeper than `MAX_JSON_DEPTH`. Passed: plain objects, arrays, strings, finite
 * numbers, booleans, null and objects with a working `toJSON` (a Date). An object property
 * whose value is `undefined` is allowed and left out, as JSON does: it is how TypeScript's
 * optional fields look.
 */
export function toJsonValue(field: string, value: unknown): JsonValue {
  try {
    return copy(field, value, "", 1, []);
  } catch (error) {
    // A Proxy's trap can throw anywhere; whatever it throws is still the caller's input.
    if (error instanceof SieveInputError) throw error;
    return refuse(field, `could not be read: ${messageOf(error)}`, error);
  }
}

function copy(
  path: string,
  raw: unknown,
  key: string,
  depth: number,
  parents: object[],
): JsonValue {
  const value = applyToJson(path, raw, key);
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value))
      refuse(path, `${String(value)} is not a JSON number (JSON would send null)`);
    return value;
  }
  if (typeof value === "bigint")
    refuse(path, "a BigInt has no JSON form; send it as a string or a number");
  if (typeof value === "undefined")
    refuse(path, "undefined has no JSON form (JSON would send null or drop it)");
  if (typeof value !== "object")
    refuse(path, `a ${typeof value} has no JSON form (JSON would drop it)`);
  if (depth > MAX_JSON_DEPTH)
    refuse(path, `nested deeper than ${MAX_JSON_DEPTH} levels of objects and arrays`);
  if (parents.includes(value)) refuse(path, "a circular reference (the value contains itself)");
  const inner = [...parents, value];
  if (Array.isArray(value)) return copyArray(path, value, depth, inner);
  if (isPlainObject(value)) return copyObject(path, value, depth, inner);
  return refuse(
    path,
    `${describeObject(value)} is not a plain object and has no toJSON (JSON would send {})`,
  );
}

function copyArray(path: string, array: unknown[], depth: number, parents: object[]): JsonValue[] {
  const result: JsonValue[] = [];
  for (let index = 0; index < array.length; index++) {
    const at = `${path}[${index}]`;
    if (!(index in array)) refuse(at, "an empty array slot (JSON would send null)");
    const item = read(at, array, index);
    if (item === undefined) refuse(at, "undefined in an array (JSON would send null)");
    result.push(copy(at, item, String(index), depth + 1, parents));
  }
  return result;
}

function copyObject(
  path: string,
  object: Record<string, unknown>,
  depth: number,
  parents: object[],
): { [key: string]: JsonValue } {
  const symbol = Object.getOwnPropertySymbols(object).find((s) =>
    Object.prototype.propertyIsEnumerable.call(object, s),
  );
  if (symbol !== undefined)
    refuse(path, `a symbol key (${shorten(String(symbol))}) has no JSON form`);
  const result: { [key: string]: JsonValue } = {};
  for (const key of Object.keys(object)) {
    const at = pathOf(path, key);
    const item = read(at, object, key);
    if (item === undefined) continue; // an optional field left unset: JSON leaves it out too
    const copied = copy(at, item, key, depth + 1, parents);
    Object.defineProperty(result, key, {
      value: copied,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

/** Calls `toJSON(key)` the way `JSON.stringify` does, turning a throw into an input error. */
function applyToJson(path: string, value: unknown, key: string): unknown {
  // JSON.stringify asks objects, functions and BigInts for a toJSON.
  const asks =
    typeof value === "object" || typeof value === "function" || typeof value === "bigint";
  if (!asks || value === null) return value;
  const toJSON = read(path, Object(value) as object, "toJSON");
  if (typeof toJSON !== "function") return value;
  let result: unknown;
  try {
    result = toJSON.call(value, key);
  } catch (error) {
    return refuse(path, `its toJSON() threw: ${messageOf(error)}`, error);
  }
  if (result === undefined) refuse(path, "its toJSON() returned undefined (JSON would drop it)");
  return result;
}

function read(path: string, object: object, key: PropertyKey): unknown {
  try {
    return (object as Record<PropertyKey, unknown>)[key];
  } catch (error) {
    return refuse(path, `reading it threw: ${messageOf(error)}`, error);
  }
}

function pathOf(parent: string, key: string): string {
  return IDENTIFIER.test(key) && key.length <= 40
    ? `${parent}.${key}`
    : `${parent}[${quoteValue(key)}]`;
}

function describeObject(value: object): string {
  try {
    if (value instanceof Map) return "a Map";
    if (value instanceof Set) return "a Set";
    const name: unknown = (value as { constructor?: { name?: unknown } }).constructor?.name;
    if (typeof name === "string" && name !== "") return `an instance of ${shorten(name)}`;
  } catch {
    // A Proxy may refuse to say what it is.
  }
  return "an object";
}

function messageOf(error: unknown): string {
  try {
    return shorten(error instanceof Error ? error.message : String(error), 200);
  } catch {
    return "an unprintable value";
  }
}

function refuse(path: string, reason: string, cause?: unknown): never {
  throw new SieveInputError(path, reason, cause === undefined ? undefined : { cause });
}

/**
 * True for `{...}` objects: not null, not an array, not a class instance such as a Date.
 */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
