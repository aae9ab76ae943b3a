import type { Job } from "../../generated/sieve.js";
import { MAX_TIMER_MS } from "../client/resolve-config.js";
import { SieveInputError } from "../errors/sieve-input-error.js";
import { isAbortSignal } from "../utils/is-abort-signal.js";
import { assertKnownKeys, assertOptionalObject } from "../validation/query-params.js";
import { DEFAULT_POLL_SCHEDULE, type PollSchedule } from "./poll-schedule.js";

/** Options of `sieve.jobs.wait` (and of `sieve.jobs.run`). */
export interface WaitOptions {
  /**
   * The first delay between polls, in milliseconds (default 500); each next delay is 1.5×
   * longer, up to `maxIntervalMs`.
   *
   * @example
   * await sieve.jobs.wait(id, { intervalMs: 200 });
   */
  intervalMs?: number;
  /**
   * The longest delay between polls, in milliseconds (default 3 000): how late, at most, the
   * end of a job is noticed.
   *
   * @example
   * await sieve.jobs.wait(id, { maxIntervalMs: 10_000 }); // a long job, fewer requests
   */
  maxIntervalMs?: number;
  /**
   * Gives up after this many milliseconds with `SieveWaitTimeoutError` (default: no limit).
   *
   * @example
   * await sieve.jobs.wait(id, { timeoutMs: 15 * 60_000 });
   */
  timeoutMs?: number;
  /**
   * Stops waiting at once: the wait rejects with the signal's reason.
   *
   * @example
   * await sieve.jobs.wait(id, { signal: AbortSignal.timeout(60_000) });
   */
  signal?: AbortSignal;
  /**
   * Called with the job each time its status changes, and once for the first status seen. A
   * promise it returns is awaited before the next poll. What it throws (or rejects with) ends
   * the wait with `SieveCallbackError`; `jobs.run` then cancels the job.
   *
   * @example
   * await sieve.jobs.wait(id, { onStatus: (job) => console.log(job.status) });
   */
  onStatus?: (job: Job) => unknown;
}

/** Wait options once checked, with defaults applied. */
export interface ResolvedWaitOptions extends PollSchedule {
  timeoutMs: number | undefined;
  signal: AbortSignal | undefined;
  onStatus: ((job: Job) => unknown) | undefined;
}

/**
 * Checks wait options, naming the field at fault, and applies the default schedule.
 *
 * @example
 * resolveWaitOptions({ timeoutMs: 1_000 }, ["cancelOnAbort"]);
 */
export function resolveWaitOptions(
  options?: WaitOptions,
  extraKeys: readonly string[] = [],
): ResolvedWaitOptions {
  const given = assertOptionalObject("options", options);
  assertKnownKeys("options", given, [
    "intervalMs",
    "maxIntervalMs",
    "timeoutMs",
    "signal",
    "onStatus",
    ...extraKeys,
  ]);
  const intervalMs =
    checkMs("options.intervalMs", given.intervalMs) ?? DEFAULT_POLL_SCHEDULE.intervalMs;
  const maxIntervalMs =
    checkMs("options.maxIntervalMs", given.maxIntervalMs) ??
    Math.max(intervalMs, DEFAULT_POLL_SCHEDULE.maxIntervalMs);
  if (maxIntervalMs < intervalMs) {
    throw new SieveInputError(
      "options.maxIntervalMs",
      `must be at least intervalMs (${intervalMs})`,
    );
  }
  const { signal, onStatus } = given;
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw new SieveInputError("options.signal", "expected an AbortSignal");
  }
  if (onStatus !== undefined && typeof onStatus !== "function") {
    throw new SieveInputError("options.onStatus", "expected a function");
  }
  return {
    intervalMs,
    maxIntervalMs,
    timeoutMs: checkMs("options.timeoutMs", given.timeoutMs),
    signal,
    onStatus,
  };
}

/**
 * Checks an optional duration in milliseconds (1 to the longest timer), naming the field.
 *
 * @example
 * assertOptionalMs("options.pushGraceMs", 5_000); // 5000
 */
export function assertOptionalMs(field: string, value: unknown): number | undefined {
  return checkMs(field, value);
}

/**
 * Checks an optional boolean, naming the field.
 *
 * @example
 * assertOptionalBoolean("options.cancelOnAbort", false); // false
 */
export function assertOptionalBoolean(field: string, value: unknown): boolean | undefined {
  if (value === undefined || typeof value === "boolean") return value;
  throw new SieveInputError(field, `expected true or false, got ${typeof value}`);
}

function checkMs(field: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0 || value > MAX_TIMER_MS) {
    throw new SieveInputError(
      field,
      `expected milliseconds from 1 to ${MAX_TIMER_MS}, got ${String(value)}`,
    );
  }
  return value;
}
