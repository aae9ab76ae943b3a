import type { Job } from "../../generated/sieve.js";
import { SieveApiError } from "../errors/sieve-api-error.js";
import { SieveWaitTimeoutError } from "../errors/sieve-wait-timeout-error.js";
import { backoffDelay } from "../http/backoff.js";
import type { RetryInfo } from "../types/client-options.js";
import { abortableSleep } from "../utils/abortable-sleep.js";
import { isTransientError } from "./is-transient-error.js";
import type { JobReader } from "./job-reader.js";

/** What a poller needs besides the reader: where to report retries, and its limits. */
export interface PollerOptions {
  /** Ends the loop at once with the signal's reason. */
  signal: AbortSignal | undefined;
  /** The loop's own deadline, from its start; undefined for none. */
  timeoutMs: number | undefined;
  /** Reports each transient failure exactly as the transport reports its retries. */
  reportRetry: (info: RetryInfo) => void;
  /**
   * The shortest sleep after a failure, whatever `Retry-After` says: a server answering
   * `Retry-After: 0` on every poll would otherwise be polled in a hot loop (a wait has no end
   * of retries, as a single call has). The schedule's first interval.
   */
  minDelayMs: number;
  random?: () => number;
}

/** One job's poll loop, shared by `jobs.wait` and `jobs.outputs`. */
export interface JobPoller {
  /**
   * Reads the job once. After a transient failure it reports the retry, sleeps the backoff (or
   * the server's `Retry-After`) and returns undefined; any other failure is thrown as it is.
   */
  read(offset: number | undefined): Promise<Job | undefined>;
  /** Sleeps between polls, never past the deadline; throws `SieveWaitTimeoutError` there. */
  sleep(ms: number): Promise<void>;
}

/**
 * The one poll loop's moving parts: each read is limited to the time left and made with no
 * retries of its own, so that one rule (`isTransientError`, the transport's) and one schedule
 * decide when to read again. One timer at a time: the sleep, or the read in flight.
 *
 * @example
 * const poller = createJobPoller(readJob, id, { signal, timeoutMs, reportRetry });
 * const job = await poller.read(undefined); // undefined after a transient failure
 */
export function createJobPoller(read: JobReader, jobId: string, options: PollerOptions): JobPoller {
  const { signal, timeoutMs, reportRetry, minDelayMs } = options;
  const random = options.random ?? Math.random;
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

  return {
    sleep,
    async read(offset) {
      signal?.throwIfAborted();
      const left = timeLeft();
      try {
        const job = await read(jobId, offset, {
          signal,
          timeoutMs: Number.isFinite(left) ? left : undefined,
        });
        failures = 0;
        lastFailure = undefined;
        last = job;
        return job;
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (!isTransientError(error)) throw error;
        lastFailure = error;
        const asked = error instanceof SieveApiError ? error.retryAfterMs : undefined;
        failures++;
        const delayMs =
          asked === undefined ? backoffDelay(failures - 1, random) : Math.max(asked, minDelayMs);
        const { method, url } = error;
        const cause = error instanceof SieveApiError ? { status: error.status } : { error };
        reportRetry({ attempt: failures, delayMs, method, url, ...cause });
        await sleep(delayMs);
        return undefined;
      }
    },
  };
}
