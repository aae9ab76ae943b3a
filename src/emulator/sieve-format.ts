import type { FunctionIO } from "../../generated/sieve.js";
import { isPlainObject } from "./plain-object.js";

/**
 * Formats a time the way Sieve does: UTC, no zone designator, six decimals.
 *
 * @example
 * sieveTimestamp(Date.UTC(2023, 9, 3, 19, 6, 59, 863)); // "2023-10-03T19:06:59.863000"
 */
export function sieveTimestamp(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "000");
}

/**
 * The Sieve type of a JS value, named as Sieve's Python SDK names them: `str`, `int`, `float`,
 * `bool`, `list`, `dict`, `NoneType`, and `sieve.File` for an object with a string `url`.
 *
 * @example
 * sieveTypeOf(3); // "int"
 * sieveTypeOf({ url: "https://example.com/a.mp4" }); // "sieve.File"
 */
export function sieveTypeOf(value: unknown): string {
  if (value === null || value === undefined) return "NoneType";
  if (typeof value === "string") return "str";
  if (typeof value === "number") return Number.isInteger(value) ? "int" : "float";
  if (typeof value === "boolean") return "bool";
  if (Array.isArray(value)) return "list";
  if (isPlainObject(value) && typeof value.url === "string") return "sieve.File";
  return "dict";
}

/**
 * Wraps a value as a job input or output. `data` is a JSON copy, so later changes to the
 * value do not leak in; a value JSON cannot hold (a BigInt, a cycle) throws.
 *
 * @example
 * toFunctionIO(42); // { type: "int", name: null, data: 42, description: null }
 */
export function toFunctionIO(
  value: unknown,
  {
    name = null,
    type,
    description = null,
  }: Partial<Pick<FunctionIO, "name" | "type" | "description">> = {},
): FunctionIO {
  const json = JSON.stringify(value);
  const data: unknown = json === undefined ? null : JSON.parse(json);
  return { type: type ?? sieveTypeOf(data), name, data, description };
}
