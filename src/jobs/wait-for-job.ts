import type { Job } from "../../generated/sieve.js";
import { SieveRateLimitError } from "../errors/status-errors.js";
import { SieveJobCancelledError } from "../errors/sieve-job-cancelled-error.js";
import { SieveJobFailedError } from "../errors/sieve-job-failed-error.js";
import { SieveWaitTimeoutError } from "../errors/sieve-wait-timeout-error.js";
import { backoffDelay } from "../http/backoff.js";
import { abortableSleep } from "../utils/abortable-sleep.js";
import { isTransientError } from "./is-transient-error.js";
import type { JobReader } from "./job-reader.js";
import { pollDelay } from "./poll-schedule.js";
import type { ResolvedWaitOptions } from "./wait-options.js";

/**
 * Throws the error that fits a job that ended badly; returns for any other status.
 *
 * @example
 * throwIfJobFailed(job); // SieveJobFailedError for status "error"
 */
export function throwIfJobFailed(job: Job): void {
  if (job.status === "error") throw new SieveJobFailedError(job);
  if (job.status === "cancelled") throw new SieveJobCancelledError(job);
}

/**
 * Polls a job until it ends. One timer at a time: either the sleep between polls or the
 * request in flight, which is limited to the time left. A transient failure (no response, 408,
 * 429, 5xx) does not end the wait: it is retried with the client's backoff (or the server's
 * Retry-After) until the wait's own deadline.
 *
 * @example
 * const job = await waitForJob(readJob, id, resolveWaitOptions({ timeoutMs: 60_000 }));
 */
export async function waitForJob(
  read: JobReader,
  jobId: string,
  options: ResolvedWaitOptions,
): Promise<Job> {
  const { signal, onStatus, timeoutMs } = options;
  const deadline = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs;
  let last: Job | undefined;
  let polls = 0;
  let failures = 0;
  for (;;) {
    signal?.throwIfAborted();
    const left = deadline - Date.now();
    if (left <= 0) throw new SieveWaitTimeoutError(jobId, last, timeoutMs ?? 0);
    let delay: number;
    try {
      const job = await read(jobId, undefined, {
        signal,
        timeoutMs: Number.isFinite(left) ? left : undefined,
      });
      failures = 0;
      if (job.status !== last?.status) onStatus?.(job);
      last = job;
      if (job.status === "finished") return job;
      throwIfJobFailed(job);
      delay = pollDelay(polls++, options);
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (!isTransientError(error)) throw error;
      const asked = error instanceof SieveRateLimitError ? error.retryAfterMs : undefined;
      delay = asked ?? backoffDelay(failures++);
    }
    const remaining = deadline - Date.now();
    if (remaining <= 0) throw new SieveWaitTimeoutError(jobId, last, timeoutMs ?? 0);
    await abortableSleep(Math.min(delay, remaining), signal);
  }
}
