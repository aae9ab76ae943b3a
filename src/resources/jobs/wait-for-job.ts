import type { Job } from "../../../generated/sieve.js";
import { SieveCallbackError } from "../../core/errors/sieve-callback-error.js";
import { SieveJobCancelledError } from "../../core/errors/sieve-job-cancelled-error.js";
import { SieveJobFailedError } from "../../core/errors/sieve-job-failed-error.js";
import { createJobPoller, STANDALONE_POLL_CONTEXT, type PollContext } from "./job-poller.js";
import type { JobReader } from "./job-reader.js";
import { untilAborted } from "../../core/utils/until-aborted.js";
import { pollDelay } from "./poll-schedule.js";
import type { ResolvedWaitOptions } from "./wait-options.js";

/**
 * Throws the error that fits a job that ended badly; returns for any other status.
 */
export function throwIfJobFailed(job: Job): void {
  if (job.status === "error") throw new SieveJobFailedError(job);
  if (job.status === "cancelled") throw new SieveJobCancelledError(job);
}

/**
 * Polls a job until it ends, on the shared poll loop (`createJobPoller`): transient failures
 * are reported and retried until the wait's own deadline; anything else ends the wait at once.
 * `onStatus` runs on each status change; a promise it returns is awaited (an abort still ends
 * the wait at once), and what it throws or rejects ends the wait with `SieveCallbackError`.
 */
export async function waitForJob(
  read: JobReader,
  jobId: string,
  options: ResolvedWaitOptions,
  context: PollContext = STANDALONE_POLL_CONTEXT,
): Promise<Job> {
  const { signal, onStatus, timeoutMs } = options;
  const poller = createJobPoller(read, jobId, {
    signal,
    timeoutMs,
    context,
    minDelayMs: options.intervalMs,
  });
  let lastStatus: string | undefined;
  for (let polls = 0; ;) {
    const job = await poller.read(undefined);
    if (!job) continue;
    if (job.status !== lastStatus && onStatus) await notify(onStatus, job, jobId, signal);
    lastStatus = job.status;
    if (job.status === "finished") return job;
    throwIfJobFailed(job);
    await poller.sleep(pollDelay(polls++, options));
  }
}

async function notify(
  onStatus: (job: Job) => unknown,
  job: Job,
  jobId: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  try {
    const result = onStatus(job);
    if (isThenable(result)) await untilAborted(Promise.resolve(result), signal);
  } catch (error) {
    if (signal?.aborted && error === signal.reason) throw error;
    throw new SieveCallbackError("onStatus", jobId, error);
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}
