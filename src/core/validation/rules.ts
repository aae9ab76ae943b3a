import { SieveConfigError } from "../errors/sieve-config-error.js";
import { SieveInputError } from "../errors/sieve-input-error.js";
import { isAbortSignal } from "../utils/is-abort-signal.js";
import { quoteValue, shorten } from "./quote-value.js";

/*
 * The validation primitives. One naming scheme across the client: `check*` returns the value it
 * checked (or undefined when optional and absent) or throws a typed error naming the field;
 * `resolve*` checks and applies defaults (`resolveConfig`, `resolveWaitOptions`); `parse*` turns
 * text into parts (`parseFunctionRef`); `to*` converts (`toJsonValue`).
 */

/** setTimeout fires at once for anything longer (2^31 - 1 ms, about 24.8 days). */
export const MAX_TIMER_MS = 2_147_483_647;

/** One kind of value the client accepts: how to recognise it, and how to name it in an error. */
export interface Rule<T> {
  test(value: unknown): value is T;
  /** What was expected, as a noun phrase: "a non-negative integer". */
  expected: string;
}

const rule = <T>(expected: string, test: (value: unknown) => boolean): Rule<T> => ({
  expected,
  test: test as (value: unknown) => value is T,
});

/** A limit, offset or retry count. */
export const COUNT = rule<number>(
  "a non-negative integer",
  (v) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0,
);
/** A whole number from `min` to `max`, both included: a concurrency, a page size. */
export const integerBetween = (min: number, max: number) =>
  rule<number>(
    `an integer from ${min} to ${max}`,
    (v) => typeof v === "number" && Number.isSafeInteger(v) && v >= min && v <= max,
  );
/** A duration a timer can hold. */
export const MILLISECONDS = rule<number>(
  `a number of milliseconds from 1 to ${MAX_TIMER_MS}`,
  (v) => typeof v === "number" && Number.isFinite(v) && v > 0 && v <= MAX_TIMER_MS,
);
/** A size in bytes. */
export const BYTES = rule<number>(
  "a positive integer number of bytes",
  (v) => typeof v === "number" && Number.isSafeInteger(v) && v >= 1,
);
/** A flag. */
export const BOOLEAN = rule<boolean>("true or false", (v) => typeof v === "boolean");
/** A callback. */
export const FUNCTION = rule<(...args: never[]) => unknown>(
  "a function",
  (v) => typeof v === "function",
);
/** A cancellation signal, from any realm. */
export const ABORT_SIGNAL = rule<AbortSignal>("an AbortSignal", isAbortSignal);

/**
 * Checks a method argument against `rule`: undefined passes as undefined; anything else that
 * fails throws `SieveInputError` naming `field` and quoting the value (shortened).
 */
export function checkInput<T>(field: string, value: unknown, expected: Rule<T>): T | undefined {
  if (value === undefined || expected.test(value)) return value;
  throw new SieveInputError(field, `expected ${expected.expected}, got ${quoteValue(value)}`);
}

/**
 * Checks an option of `createSieveClient` against `rule`, as `checkInput` does, but throws
 * `SieveConfigError` ("maxRetries must be a non-negative integer (got -1).").
 */
export function checkOption<T>(name: string, value: unknown, expected: Rule<T>): T | undefined {
  if (value === undefined || expected.test(value)) return value;
  throw new SieveConfigError(
    `${name} must be ${expected.expected} (got ${shorten(String(value))}).`,
  );
}
