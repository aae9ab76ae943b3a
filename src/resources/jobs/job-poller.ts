import type { Job } from "../../../generated/sieve.js";
import { SieveApiError } from "../../core/errors/sieve-api-error.js";
import { SieveConnectionError } from "../../core/errors/sieve-connection-error.js";
import { SieveTimeoutError } from "../../core/errors/sieve-timeout-error.js";
import { SieveWaitTimeoutError } from "../../core/errors/sieve-wait-timeout-error.js";
import { retryDelayAfterError, type RetryPolicy } from "../../core/http/retry-decision.js";
import type { RetryInfo } from "../../core/config/client-options.js";
import { abortableSleep } from "../../core/utils/abortable-sleep.js";
import type { JobReader, ReadCall } from "./job-reader.js";

/** Every request of a poll loop is a read: retried as a GET is. */
const POLL_TARGET = { method: "GET", url: "" };

/** What every poll loop of one client shares: the retry policy and where retries are told. */
export interface PollContext {
  /** Reports each transient failure exactly as the transport reports its retries. */
  reportRetry: (info: RetryInfo) => void;
  /** The client's retry policy (its `maxRetryDelayMs`), as the transport applies it. */
  retryPolicy: RetryPolicy;
}

/** For loops run outside a client (tests): no observers, the client's default policy. */
export const STANDALONE_POLL_CONTEXT: PollContext = {
  reportRetry: () => undefined,
  retryPolicy: { maxRetryDelayMs: 60_000 },
};

/** What a poller needs besides the reader: where to report retries, and its limits. */
export interface PollerOptions {
  /** Ends the loop at once with the signal's reason. */
  signal: AbortSignal | undefined;
  /** The loop's own deadline, from its start; undefined for none. */
  timeoutMs: number | undefined;
  /** The client's retry policy and observers. */
  context: PollContext;
  /**
   * The shortest sleep after a failure, whatever `Retry-After` says: a server answering
   * `Retry-After: 0` on every poll would otherwise be polled in a hot loop (a wait has no end
   * of retries, as a single call has). The schedule's first interval.
   */
  minDelayMs: number;
}

/** One job's poll loop, shared by `jobs.wait` and `jobs.outputs`. */
export interface JobPoller {
  /**
   * Reads the job once. After a transient failure it reports the retry, sleeps the backoff (or
   * the server's `Retry-After`) and returns undefined; any other failure is thrown as it is.
   */
  read(offset: number | undefined): Promise<Job | undefined>;
  /**
   * Makes one request of the loop's own (the `await` long-poll) under the same rules as `read`:
   * limited to the time left, a transient failure reported, slept off and answered undefined.
   */
  attempt<T>(send: (call: ReadCall) => Promise<T>): Promise<T | undefined>;
  /** Records the latest job seen, for the `SieveWaitTimeoutError` of a deadline. */
  saw(job: Job): void;
  /** Sleeps between polls, never past the deadline; throws `SieveWaitTimeoutError` there. */
  sleep(ms: number): Promise<void>;
}

/**
 * The one poll loop's moving parts: each read is limited to the time left and made with no
 * retries of its own, so that one rule (`retryDelayAfterError`, the transport's) and one schedule
 * decide when to read again. One timer at a time: the sleep, or the read in flight.
 */
export function createJobPoller(read: JobReader, jobId: string, options: PollerOptions): JobPoller {
  const { signal, timeoutMs, minDelayMs } = options;
  const { reportRetry, retryPolicy } = options.context;
  const deadline = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs;
  let last: Job | undefined;
  let lastFailure: unknown;
  let failures = 0;

  const timeLeft = () => {
    const left = deadline - Date.now();
    if (left <= 0) throw new SieveWaitTimeoutError(jobId, last, timeoutMs ?? 0, lastFailure);
    return left;
  };

  async function sleep(ms: number): Promise<void> {
    await abortableSleep(Math.min(ms, timeLeft()), signal);
    timeLeft();
  }

  async function attempt<T>(send: (call: ReadCall) => Promise<T>): Promise<T | undefined> {
    signal?.throwIfAborted();
    const left = timeLeft();
    try {
      const answer = await send({ signal, timeoutMs: Number.isFinite(left) ? left : undefined });
      failures = 0;
      lastFailure = undefined;
      return answer;
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      // An attempt cut short by the wait's own deadline (its limit was the time left) is the
      // wait timing out, not a failure of the poll: the timeout names the last real failure.
      if (error instanceof SieveTimeoutError && Date.now() >= deadline) timeLeft();
      const decided = retryDelayAfterError(POLL_TARGET, error, failures, retryPolicy);
      if (decided === undefined) throw error;
      lastFailure = error;
      failures++;
      const delayMs = Math.max(decided, minDelayMs);
      // A retry past the deadline never happens: it is not announced, the wait just times out.
      if (delayMs < timeLeft())
        reportRetry(retryInfo(error as SieveApiError | SieveConnectionError, failures, delayMs));
      await sleep(delayMs);
      return undefined;
    }
  }

  return {
    sleep,
    attempt,
    saw: (job) => void (last = job),
    async read(offset) {
      const job = await attempt((call) => read(jobId, offset, call));
      if (job) last = job;
      return job;
    },
  };
}

/** What `onRetry` is told of a failed poll: the status, or the connection failure. */
function retryInfo(
  error: SieveApiError | SieveConnectionError,
  attempt: number,
  delayMs: number,
): RetryInfo {
  const { method, url } = error;
  if (error instanceof SieveApiError)
    return { attempt, delayMs, method, url, status: error.status };
  return { attempt, delayMs, method, url, error };
}
