import { SieveInputError } from "../errors/sieve-input-error.js";
import { quoteValue, typeName } from "./quote-value.js";
import { checkWindow, type WindowFields } from "./time-window.js";

const MINUTE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * Converts a time for a query that Sieve reads as `YYYY-MM-DDTHH:MM` in UTC (the concurrency
 * history's `start` and `end`): a `Date` is written so, cut to its minute; a string must already
 * be so, and name a real minute (`2024-02-30T10:00` and `2024-12-14T24:00` are refused).
 */
export function toMinuteTime(field: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (Object.prototype.toString.call(value) === "[object Date]") {
    const date = value as Date;
    if (Number.isNaN(date.getTime()))
      throw new SieveInputError(field, "expected a valid Date, got Invalid Date");
    const iso = date.toISOString();
    if (!iso.startsWith("-") && !iso.startsWith("+")) return iso.slice(0, 16);
    throw new SieveInputError(field, `expected a Date in the years 0 to 9999, got ${iso}`);
  }
  if (typeof value !== "string")
    throw new SieveInputError(
      field,
      `expected a Date or "YYYY-MM-DDTHH:MM", got ${typeName(value)}`,
    );
  const parts = MINUTE.exec(value);
  if (!parts || !isRealMinute(parts.slice(1).map(Number))) {
    throw new SieveInputError(
      field,
      `expected a Date or "YYYY-MM-DDTHH:MM" (UTC), got ${quoteValue(value)}`,
    );
  }
  return value;
}

function isRealMinute([year, month, day, hour, minute]: number[]): boolean {
  const date = new Date(Date.UTC(year!, month! - 1, day!, hour!, minute!));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month! - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute
  );
}

/**
 * Checks both ends of a window with `toMinuteTime`, and that the end is not before the start
 * (the strings have one fixed width: they sort as the times do).
 */
export function checkMinuteWindow(
  fields: WindowFields,
  start: unknown,
  end: unknown,
): { start: string | undefined; end: string | undefined } {
  return checkWindow(fields, start, end, toMinuteTime, (time) => time);
}
