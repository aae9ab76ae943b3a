import {
  pathsUsageConcurrencyGetParametersQueryStatusValues as CONCURRENCY_STATUSES,
  type ConcurrencyChunk,
  type Credits,
  type DetailedUsage,
  type operations,
} from "../../generated/sieve.js";
import type { ClientContext } from "../core/request/context.js";
import type { RequestOptions } from "../core/request/request-options.js";
import { parseFunctionRef } from "../core/validation/function-ref.js";
import { keysOf } from "../core/validation/keys-of.js";
import { checkMinuteWindow } from "../core/validation/minute-time.js";
import { checkTimeWindow } from "../core/validation/posix-time.js";
import { checkKnownKeys, checkOptionalObject } from "../core/validation/query-params.js";
import { checkInput, type Rule } from "../core/validation/rules.js";
import { functionPath, versionPath } from "./functions/index.js";
import type { PosixTime } from "./jobs/log-types.js";

type ConcurrencyQuery = NonNullable<operations["getConcurrencyHistory"]["parameters"]["query"]>;

/**
 * The window of a usage read; each end defaults to that of the current billing period. Times
 * are `Date`s or POSIX seconds (see `PosixTime`).
 *
 * @example
 * const december = await sieve.usage.total({ start: new Date("2025-12-01Z"), end: new Date("2026-01-01Z") });
 */
export interface UsageWindow {
  /**
   * The start of the window (default: the start of the current billing period).
   *
   * @example
   * const sinceMonday = await sieve.usage.total({ start: new Date("2026-03-02T00:00:00Z") });
   */
  start?: PosixTime;
  /**
   * The end of the window (default: the end of the current billing period); not before `start`.
   *
   * @example
   * const untilNow = await sieve.usage.total({ end: new Date() });
   */
  end?: PosixTime;
}

/**
 * Usage per function, keyed by `owner/name`, as `GET /usage/function` answers.
 *
 * @example
 * const byFunction: UsageByFunction = await sieve.usage.functions();
 * for (const [ref, usage] of Object.entries(byFunction)) console.log(ref, usage.total_cost_dollars);
 */
export type UsageByFunction =
  operations["getUsagePerFunction"]["responses"][200]["content"]["application/json"];

/**
 * What `sieve.usage.concurrency` reads: the chunks between `start` and `end` (at most a week
 * apart; by default the previous day), of `chunkSize` minutes.
 *
 * @example
 * const chunks = await sieve.usage.concurrency({ function: "sieve/dubbing", chunkSize: 60, status: "finished" });
 */
export interface ConcurrencyParams {
  /**
   * Only this function (`owner/name`); all functions when omitted.
   *
   * @example
   * await sieve.usage.concurrency({ function: "sieve/dubbing" });
   */
  function?: ConcurrencyQuery["function"];
  /**
   * The start: a `Date` (cut to its minute) or `YYYY-MM-DDTHH:MM` in UTC.
   *
   * @example
   * await sieve.usage.concurrency({ start: "2026-03-01T00:00", end: "2026-03-02T00:00" });
   */
  start?: Date | ConcurrencyQuery["start"];
  /**
   * The end: a `Date` (cut to its minute) or `YYYY-MM-DDTHH:MM` in UTC; not before `start`.
   *
   * @example
   * await sieve.usage.concurrency({ start: new Date(Date.now() - 86_400_000), end: new Date() });
   */
  end?: Date | ConcurrencyQuery["end"];
  /**
   * The length of a chunk, in minutes: an integer of at least 30.
   *
   * @example
   * await sieve.usage.concurrency({ chunkSize: 120 });
   */
  chunkSize?: ConcurrencyQuery["chunk_size"];
  /**
   * Only jobs that ended so; `""` (Sieve's default) for any end.
   *
   * @example
   * await sieve.usage.concurrency({ status: "error" });
   */
  status?: ConcurrencyQuery["status"];
}

/**
 * `sieve.usage`: what the organization used and spent, and its credits.
 *
 * @example
 * const { total_cost_dollars } = await sieve.usage.total();
 */
export interface UsageResource {
  /**
   * The organization's compute seconds and dollars in a window, in total and per machine type
   * (`GET /usage`).
   *
   * @example
   * const usage = await sieve.usage.total({ start: new Date(Date.now() - 7 * 86_400_000) });
   * console.log(usage.total_cost_dollars, usage.l4?.compute_seconds);
   */
  total(window?: UsageWindow, options?: RequestOptions): Promise<DetailedUsage>;
  /**
   * The usage of each function in a window, keyed by `owner/name` (`GET /usage/function`).
   *
   * @example
   * const byFunction = await sieve.usage.functions();
   * console.log(byFunction["sieve/dubbing"]?.total_cost_dollars);
   */
  functions(window?: UsageWindow, options?: RequestOptions): Promise<UsageByFunction>;
  /**
   * One function's usage in a window (`GET /usage/function/{owner}/{name}`).
   *
   * @example
   * const usage = await sieve.usage.function("sieve/dubbing", { end: new Date() });
   */
  function(ref: string, window?: UsageWindow, options?: RequestOptions): Promise<DetailedUsage>;
  /**
   * One function version's usage in a window
   * (`GET /usage/function/{owner}/{name}/versions/{slug}`); `slug` is `latest` or an id prefix.
   *
   * @example
   * const usage = await sieve.usage.version("sieve/dubbing", "latest");
   */
  version(
    ref: string,
    slug: string,
    window?: UsageWindow,
    options?: RequestOptions,
  ): Promise<DetailedUsage>;
  /**
   * The organization's remaining credits (`GET /usage/credits`), as Sieve sends them: their
   * shape is not documented.
   *
   * @example
   * const credits = await sieve.usage.credits();
   * console.log(JSON.stringify(credits));
   */
  credits(options?: RequestOptions): Promise<Credits>;
  /**
   * How many jobs ran, their median time and the estimated concurrency, per chunk of time
   * (`GET /usage/concurrency`), oldest first.
   *
   * @example
   * for (const chunk of await sieve.usage.concurrency({ chunkSize: 60 })) console.log(chunk.chunk_start, chunk.average_concurrency);
   */
  concurrency(params?: ConcurrencyParams, options?: RequestOptions): Promise<ConcurrencyChunk[]>;
}

const WINDOW_NAMES = keysOf<UsageWindow>()(["start", "end"]);
const CONCURRENCY_NAMES = keysOf<ConcurrencyParams>()([
  "function",
  "start",
  "end",
  "chunkSize",
  "status",
]);
const CHUNK_MINUTES: Rule<number> = {
  expected: "an integer number of minutes of at least 30",
  test: (value): value is number => Number.isSafeInteger(value) && (value as number) >= 30,
};
const CONCURRENCY_STATUS: Rule<NonNullable<ConcurrencyQuery["status"]>> = {
  expected: `one of ${CONCURRENCY_STATUSES.map((status) => JSON.stringify(status)).join(", ")}`,
  test: (value): value is NonNullable<ConcurrencyQuery["status"]> =>
    (CONCURRENCY_STATUSES as readonly unknown[]).includes(value),
};

/** The query of a usage window: `start_timestamp` and `end_timestamp`, those given. */
function windowQuery(window: UsageWindow | undefined) {
  const given = checkOptionalObject("window", window);
  checkKnownKeys("window", given, WINDOW_NAMES);
  const fields = { start: "window.start", end: "window.end" };
  const { start, end } = checkTimeWindow(fields, given.start, given.end);
  return {
    ...(start === undefined ? {} : { start_timestamp: start }),
    ...(end === undefined ? {} : { end_timestamp: end }),
  };
}

function concurrencyQuery(params: ConcurrencyParams | undefined): ConcurrencyQuery {
  const given = checkOptionalObject("params", params);
  checkKnownKeys("params", given, CONCURRENCY_NAMES);
  if (given.function !== undefined) parseFunctionRef("params.function", given.function);
  const fields = { start: "params.start", end: "params.end" };
  const { start, end } = checkMinuteWindow(fields, given.start, given.end);
  const chunkSize = checkInput("params.chunkSize", given.chunkSize, CHUNK_MINUTES);
  const status = checkInput("params.status", given.status, CONCURRENCY_STATUS);
  const query: ConcurrencyQuery = {};
  if (given.function !== undefined) query.function = given.function;
  if (start !== undefined) query.start = start;
  if (end !== undefined) query.end = end;
  if (chunkSize !== undefined) query.chunk_size = chunkSize;
  if (status !== undefined) query.status = status;
  return query;
}

/**
 * Builds `sieve.usage` on a client context.
 */
export function createUsageResource(ctx: ClientContext): UsageResource {
  return {
    total: async (window, options) =>
      ctx.call("get", "/usage", { query: windowQuery(window) }, options),
    functions: async (window, options) =>
      ctx.call("get", "/usage/function", { query: windowQuery(window) }, options),
    function: async (ref, window, options) => {
      const input = { path: functionPath(ref), query: windowQuery(window) };
      return ctx.call("get", "/usage/function/{owner_name}/{function_name}", input, options);
    },
    version: async (ref, slug, window, options) => {
      const input = { path: versionPath(ref, slug), query: windowQuery(window) };
      const path = "/usage/function/{owner_name}/{function_name}/versions/{version_slug}";
      return ctx.call("get", path, input, options);
    },
    credits: async (options) => ctx.call("get", "/usage/credits", {}, options),
    concurrency: async (params, options) =>
      ctx.call("get", "/usage/concurrency", { query: concurrencyQuery(params) }, options),
  };
}
