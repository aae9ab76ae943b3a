import { SieveInputError } from "../errors/sieve-input-error.js";
import { quoteValue } from "./quote-value.js";
import { checkWindow, type WindowFields } from "./time-window.js";

/** Numbers below this are POSIX seconds (1e11 s is in the year 5138). */
const SECONDS_BELOW = 1e11;
/** Numbers from this on are nanoseconds, as `next_start_time` returns (1e15 ns is in 1970). */
const NANOSECONDS_FROM = 1e15;

/** True for a Date, from any realm. */
function isDate(value: unknown): value is Date {
  return Object.prototype.toString.call(value) === "[object Date]";
}

/**
 * Converts a time for a query that Sieve reads as "POSIX seconds (a float) or nanoseconds (an
 * integer)" (`start_time`, `start_timestamp`...) into a number that means one thing only:
 *
 * - a `Date` becomes float seconds (`1734226919.195`); a Date on a whole second, whose seconds
 *   would print as an integer that Sieve reads as nanoseconds, becomes those nanoseconds;
 * - a number below 1e11 is POSIX seconds: sent as given when it has a fraction, as nanoseconds
 *   when it is whole (for the same reason);
 * - a number from 1e15 on is nanoseconds (what `next_start_time` returns): sent as given.
 *
 * Refused: an invalid Date, a time before 1970, NaN, a non-number, and the numbers between
 * (milliseconds, from `Date.now()`, most likely), which would silently mean another time.
 */
export function toPosixTime(field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (isDate(value)) {
    const ms = value.getTime();
    if (Number.isNaN(ms))
      throw new SieveInputError(field, "expected a valid Date, got Invalid Date");
    if (ms < 0) throw new SieveInputError(field, `must not be before 1970 (got ${value.toJSON()})`);
    return ms % 1000 === 0 ? (ms / 1000) * 1e9 : ms / 1000;
  }
  if (typeof value !== "number" || !Number.isFinite(value) || value < 0) {
    throw new SieveInputError(
      field,
      `expected a Date or a number of POSIX seconds, got ${quoteValue(value)}`,
    );
  }
  if (value >= NANOSECONDS_FROM) return value;
  if (value >= SECONDS_BELOW) {
    throw new SieveInputError(
      field,
      `expected POSIX seconds (or nanoseconds), got ${value}: milliseconds? Pass a Date, or seconds`,
    );
  }
  return Number.isInteger(value) ? value * 1e9 : value;
}

/** A time `toPosixTime` returned, in seconds, to compare two of them whatever their unit. */
function inSeconds(time: number): number {
  return time >= NANOSECONDS_FROM ? time / 1e9 : time;
}

/**
 * Checks both ends of a window with `toPosixTime`, and that the end is not before the start.
 */
export function checkTimeWindow(
  fields: WindowFields,
  start: unknown,
  end: unknown,
): { start: number | undefined; end: number | undefined } {
  return checkWindow(fields, start, end, toPosixTime, inSeconds);
}
