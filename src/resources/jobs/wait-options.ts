import type { Job } from "../../../generated/sieve.js";
import { SieveInputError } from "../../core/errors/sieve-input-error.js";
import { quoteValue } from "../../core/validation/quote-value.js";
import { checkKnownKeys, checkOptionalObject } from "../../core/validation/query-params.js";
import { keysOf } from "../../core/validation/keys-of.js";
import { ABORT_SIGNAL, FUNCTION, MILLISECONDS, checkInput } from "../../core/validation/rules.js";
import { DEFAULT_POLL_SCHEDULE, type PollSchedule } from "./poll-schedule.js";

/**
 * Options of `sieve.jobs.wait` (and of `sieve.jobs.run`).
 *
 * @example
 * const options: WaitOptions = { timeoutMs: 10 * 60_000, onStatus: (job) => console.log(job.status) };
 * const job = await sieve.jobs.wait(id, options);
 */
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
  /**
   * How to wait. `"await"` (the default): Sieve's long-poll, `GET /jobs/{id}/await`, which the
   * server holds until the job ends (up to 10 minutes, then 408 and the client asks again): one
   * request per job that ends within the hold, and its end seen at once. A server without that
   * endpoint is polled instead, and a server that lets go sooner than `intervalMs` (a running
   * job, or a 408, without holding) is asked again on the polling schedule, never in a hot loop.
   * `"poll"`: `GET /jobs/{id}` on the `intervalMs` / `maxIntervalMs` schedule, which sees every
   * status change on the way (`onStatus` with `"await"` sees the first status and the last).
   *
   * @example
   * await sieve.jobs.wait(id, { strategy: "poll", onStatus: (job) => console.log(job.status) });
   */
  strategy?: WaitStrategy;
}

/**
 * How `jobs.wait` waits: the `await` long-poll or polling `GET /jobs/{id}`.
 *
 * @example
 * const strategy: WaitStrategy = process.env.SIEVE_WAIT === "poll" ? "poll" : "await";
 */
export type WaitStrategy = "await" | "poll";

const STRATEGIES: readonly WaitStrategy[] = ["await", "poll"];

/** The names of the wait options, checked against `WaitOptions`. */
export const WAIT_OPTION_NAMES = keysOf<WaitOptions>()([
  "intervalMs",
  "maxIntervalMs",
  "timeoutMs",
  "signal",
  "onStatus",
  "strategy",
]);

/** Wait options once checked, with defaults applied. */
export interface ResolvedWaitOptions extends PollSchedule {
  timeoutMs: number | undefined;
  signal: AbortSignal | undefined;
  onStatus: ((job: Job) => unknown) | undefined;
  strategy: WaitStrategy;
}

/**
 * Checks wait options, naming the field at fault, and applies the default schedule.
 */
export function resolveWaitOptions(
  options?: WaitOptions,
  extraKeys: readonly string[] = [],
): ResolvedWaitOptions {
  const given = checkOptionalObject("options", options);
  checkKnownKeys("options", given, [...WAIT_OPTION_NAMES, ...extraKeys]);
  const intervalMs =
    checkInput("options.intervalMs", given.intervalMs, MILLISECONDS) ??
    DEFAULT_POLL_SCHEDULE.intervalMs;
  const maxIntervalMs =
    checkInput("options.maxIntervalMs", given.maxIntervalMs, MILLISECONDS) ??
    Math.max(intervalMs, DEFAULT_POLL_SCHEDULE.maxIntervalMs);
  if (maxIntervalMs < intervalMs) {
    throw new SieveInputError(
      "options.maxIntervalMs",
      `must be at least intervalMs (${intervalMs})`,
    );
  }
  checkInput("options.onStatus", given.onStatus, FUNCTION);
  if (given.strategy !== undefined && !STRATEGIES.includes(given.strategy)) {
    throw new SieveInputError(
      "options.strategy",
      `expected "await" or "poll", got ${quoteValue(given.strategy)}`,
    );
  }
  return {
    strategy: given.strategy ?? "await",
    intervalMs,
    maxIntervalMs,
    timeoutMs: checkInput("options.timeoutMs", given.timeoutMs, MILLISECONDS),
    signal: checkInput("options.signal", given.signal, ABORT_SIGNAL),
    onStatus: given.onStatus,
  };
}
