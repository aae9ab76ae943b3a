import { SieveInputError } from "../errors/sieve-input-error.js";

/**
 * Checks a value that becomes one URL path segment (a job id, an owner, a function name): a
 * non-empty string, not `.` or `..`, with no `/`. Bare openapi-fetch would turn `".."` into a
 * request for the parent path; other characters are safe because they are percent-encoded.
 *
 * @example
 * assertPathSegment("jobId", "43d7add5-61cf-44ad-aac8-c5d14c642bb4"); // ok
 * assertPathSegment("jobId", ".."); // throws SieveInputError
 */
export function assertPathSegment(field: string, value: unknown): string {
  if (typeof value !== "string")
    throw new SieveInputError(field, `expected a string, got ${typeName(value)}`);
  if (value === "") throw new SieveInputError(field, "must not be empty");
  if (value === "." || value === "..")
    throw new SieveInputError(field, `"${value}" is not an id or a name`);
  if (value.includes("/"))
    throw new SieveInputError(field, `must not contain "/" (got "${value}")`);
  return value;
}

/**
 * A short name for the type of a value, for error messages: `null`, `array`, `number`...
 *
 * @example
 * typeName([]); // "array"
 */
export function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}
