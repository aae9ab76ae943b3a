import { knownJobStatusValues, type JobStatus } from "../../../generated/sieve.js";
import { SieveInputError } from "../errors/sieve-input-error.js";
import { quoteValue, shorten, typeName } from "./quote-value.js";
import { COUNT, checkInput } from "./rules.js";

/**
 * Checks an optional limit or offset: absent, or a non-negative safe integer.
 */
export function checkCount(field: string, value: unknown): number | undefined {
  return checkInput(field, value, COUNT);
}

/**
 * What a job status looks like: a word of up to 64 letters, digits, `_`, `-` or `.`. Known or
 * not: `started` passes, `""`, `" queued"` or a 100 KB string do not.
 */
const STATUS_WORD = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/;

/**
 * Checks an optional job status filter: one word (`STATUS_WORD`). Statuses are an open set (a
 * newer Sieve may add one, its docs mention `started`), so a word outside
 * `knownJobStatusValues` is sent as given.
 */
export function checkJobStatus(field: string, value: unknown): JobStatus | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string" || !STATUS_WORD.test(value)) {
    throw new SieveInputError(
      field,
      `expected a job status such as ${knownJobStatusValues.join(", ")}, got ${quoteValue(value)}`,
    );
  }
  return value;
}

/**
 * Rejects keys a caller passed that the method does not know (a typo such as `webhook` for
 * `webhooks` would otherwise be dropped in silence).
 */
export function checkKnownKeys(field: string, value: object, allowed: readonly string[]): void {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new SieveInputError(
        `${field}.${shorten(key)}`,
        `unknown field; expected one of ${allowed.join(", ")}`,
      );
    }
  }
}

/**
 * Checks that an optional argument is a plain object (or absent) and returns it, `{}` if absent.
 */
export function checkOptionalObject<T extends object>(
  field: string,
  value: T | undefined,
): Partial<T> {
  if (value === undefined) return {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new SieveInputError(field, `expected an object, got ${typeName(value)}`);
  }
  return value;
}
