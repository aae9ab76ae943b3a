import { jobStatusValues } from "../../../generated/sieve.js";
import type { JobStatus } from "../../../generated/sieve.js";
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
 * Checks an optional job status filter against the spec's enum.
 */
export function checkJobStatus(field: string, value: unknown): JobStatus | undefined {
  if (value === undefined) return undefined;
  if (!(jobStatusValues as readonly unknown[]).includes(value)) {
    throw new SieveInputError(
      field,
      `expected one of ${jobStatusValues.join(", ")}, got ${quoteValue(value)}`,
    );
  }
  return value as JobStatus;
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
