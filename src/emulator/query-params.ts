import type { JobStatus, ValidationIssue } from "../../generated/sieve.js";

/** What a list endpoint was asked for, after validation and defaults. */
export interface PageQuery {
  limit: number;
  offset: number;
  status?: JobStatus;
}

type Issues = ValidationIssue[];

const at = (name: string) => ["query", name];

/** The message pydantic gives for a value outside an enum: `Input should be 'a' or 'b'`. */
export const oneOf = (values: readonly string[]) =>
  `Input should be ${values
    .map((v) => `'${v}'`)
    .join(", ")
    .replace(/, ([^,]*)$/, " or $1")}`;

/** Why a query value was refused: pydantic's message and error type. */
class Refusal {
  constructor(
    readonly msg: string,
    readonly type: string,
  ) {}
}

/**
 * A reader of one optional query parameter, as FastAPI reads it: absent, the `fallback`; a value
 * `parse` refuses adds a pydantic-style issue to `issues` and gives the `fallback` too.
 */
function paramReader<T, A extends unknown[]>(parse: (raw: string, ...args: A) => T | Refusal) {
  return (query: URLSearchParams, name: string, fallback: T, issues: Issues, ...args: A): T => {
    const raw = query.get(name);
    if (raw === null) return fallback;
    const value = parse(raw, ...args);
    if (!(value instanceof Refusal)) return value;
    issues.push({ loc: at(name), msg: value.msg, type: value.type });
    return fallback;
  };
}

/** Reads an integer query parameter of at least `min` (default 0). */
export const readInt = paramReader((raw, min: number = 0): number | Refusal => {
  const value = /^\s*[+-]?\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value))
    return new Refusal(
      "Input should be a valid integer, unable to parse string as an integer",
      "int_parsing",
    );
  if (value < min)
    return new Refusal(`Input should be greater than or equal to ${min}`, "greater_than_equal");
  return value;
});

/** Reads a non-negative integer query parameter. */
export function readCount(
  query: URLSearchParams,
  name: string,
  fallback: number,
  issues: Issues,
): number {
  return readInt(query, name, fallback, issues);
}

/**
 * Reads `limit` (default 500), `offset` (default 0) and, with `withStatus`, `status`; an empty
 * `status` means every status, as in Sieve.
 */
export function readPageQuery(
  query: URLSearchParams,
  { withStatus }: { withStatus: boolean },
  issues: Issues,
): PageQuery {
  const limit = readCount(query, "limit", 500, issues);
  const offset = readCount(query, "offset", 0, issues);
  const status = withStatus ? query.get("status") : null;
  if (status === null || status === "") return { limit, offset };
  return { limit, offset, status };
}

const TRUE = ["true", "1", "yes", "on", "t", "y"];
const FALSE = ["false", "0", "no", "off", "f", "n"];

/** Reads a boolean query parameter the way pydantic does (`true`/`1`/`yes`/`on`...). */
export const readBoolean = paramReader((raw): boolean | Refusal => {
  const value = raw.trim().toLowerCase();
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  return new Refusal("Input should be a valid boolean, unable to interpret input", "bool_parsing");
});

/** Reads a query parameter that must be one of `values`. */
export function readEnum<T extends string>(
  query: URLSearchParams,
  name: string,
  values: readonly T[],
  fallback: T,
  issues: Issues,
): T {
  const read = paramReader((raw): T | Refusal =>
    (values as readonly string[]).includes(raw) ? (raw as T) : new Refusal(oneOf(values), "enum"),
  );
  return read(query, name, fallback, issues);
}

/**
 * Reads a required string query parameter.
 */
export function readRequired(query: URLSearchParams, name: string, issues: Issues): string {
  const raw = query.get(name);
  if (raw !== null) return raw;
  issues.push({ loc: at(name), msg: "Field required", type: "missing" });
  return "";
}

/** Above this a time is nanoseconds since the epoch, below it seconds (now ~1.7e9 s). */
const NANOSECONDS_ABOVE = 1e14;

/**
 * Reads a time given as POSIX seconds (a float) or nanoseconds (an integer), told apart by
 * magnitude, as microseconds since the epoch (nanoseconds are read exactly, then rounded).
 */
export function readTimestamp(
  query: URLSearchParams,
  name: string,
  issues: Issues,
): number | undefined {
  const raw = query.get(name)?.trim();
  if (raw === undefined) return undefined;
  const value = raw === "" ? NaN : Number(raw);
  if (!Number.isFinite(value)) {
    const msg = "Input should be a valid number, unable to parse string as a number";
    issues.push({ loc: at(name), msg, type: "float_parsing" });
    return undefined;
  }
  if (Math.abs(value) <= NANOSECONDS_ABOVE) return Math.round(value * 1e6);
  if (/^\d+$/.test(raw)) return Number((BigInt(raw) + 500n) / 1_000n);
  return Math.round(value / 1_000);
}

/**
 * Reads a UTC minute, `YYYY-MM-DDTHH:MM` (seconds and a `Z` are tolerated), as ms since the
 * epoch.
 */
export const readMinute = paramReader((raw): number | Refusal => {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2})(:\d{2}(\.\d{1,6})?)?Z?$/.exec(raw);
  const ms = match ? Date.parse(`${match[1]}${match[2] ?? ":00"}Z`) : NaN;
  if (Number.isFinite(ms)) return ms;
  return new Refusal("Value error, expected a UTC time as YYYY-MM-DDTHH:MM", "value_error");
});
