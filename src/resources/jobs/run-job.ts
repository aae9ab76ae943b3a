import type { Job, PushResponse } from "../../../generated/sieve.js";
import { SieveApiError } from "../../core/errors/sieve-api-error.js";
import { SieveCallbackError } from "../../core/errors/sieve-callback-error.js";
import { SieveError } from "../../core/errors/sieve-error.js";
import { SieveJobCancelledError } from "../../core/errors/sieve-job-cancelled-error.js";
import { SieveJobFailedError } from "../../core/errors/sieve-job-failed-error.js";
import {
  SieveRunAbortedError,
  type CancelOutcome,
  type RunStopReason,
} from "../../core/errors/sieve-run-aborted-error.js";
import { SieveWaitTimeoutError } from "../../core/errors/sieve-wait-timeout-error.js";

/** What `runJob` needs: push, wait and cancel, each already bound to its request. */
export interface RunSteps {
  /**
   * Pushes the job; `signal` aborts the push request; once `stopRetrying` aborts, the push is
   * not sent again (after a 429, say): an abort never leads to a new paid push.
   */
  push(signal: AbortSignal, stopRetrying: AbortSignal): Promise<PushResponse>;
  /** Waits for the job; `signal` ends the wait; `timeoutMs` is the run's time left. */
  wait(jobId: string, signal: AbortSignal, timeoutMs: number | undefined): Promise<Job>;
  /** Cancels the job, with its own time limit: never with the caller's (aborted) signal. */
  cancel(jobId: string): Promise<unknown>;
  /** Reads the job once, with its own time limit, after a cancel that failed. */
  read(jobId: string): Promise<{ status: string }>;
}

/** How a run may be stopped, and what it does then. */
export interface RunLimits {
  signal: AbortSignal | undefined;
  /** The whole run's deadline (push and wait), from its start. */
  timeoutMs: number | undefined;
  /** Cancel the job when the run stops early (abort, timeout, callback or failed wait). */
  cancelOnAbort: boolean;
  /** How long a push already sent may still answer after an abort, so its job can be cancelled. */
  pushGraceMs: number;
}

/** The outcome of a stop when the caller asked for no cancel. */
const NOT_CANCELLING: CancelOutcome = { status: "not-attempted", reason: "cancelOnAbort is false" };

/** Marks the run's own deadline, as the abort reason of its controller. */
class RunDeadline extends Error {}

/**
 * Pushes a job, then waits for it, and never leaves a job running behind the caller's back.
 * - Aborted (or out of time) before the push: nothing is sent.
 * - During the push: with `cancelOnAbort`, the push may still answer for `pushGraceMs`; a job it
 *   created is then cancelled. A push that does not answer in time is aborted, and the error
 *   says a job may exist.
 * - During the wait, or when `onStatus` throws, or a poll fails for good: the job is cancelled.
 * Every such stop rejects with `SieveRunAbortedError` (job id, whether a job may exist, the
 * cancel's outcome). A job that fails or is cancelled by someone else rejects as in `wait`.
 */
export async function runJob(steps: RunSteps, limits: RunLimits): Promise<Job> {
  const { signal, timeoutMs, cancelOnAbort } = limits;
  const startedAt = Date.now();
  const stop = new AbortController();
  const onAbort = () => stop.abort(signal?.reason);
  const deadline =
    timeoutMs === undefined
      ? undefined
      : setTimeout(() => stop.abort(new RunDeadline(`timed out after ${timeoutMs} ms`)), timeoutMs);
  if (signal?.aborted) onAbort();
  else signal?.addEventListener("abort", onAbort, { once: true });
  const stopReason = (): RunStopReason =>
    stop.signal.reason instanceof RunDeadline ? "timeout" : "aborted";
  try {
    if (stop.signal.aborted) {
      const cancellation = { status: "not-attempted", reason: "nothing was sent" } as const;
      throw new SieveRunAbortedError({
        reason: stopReason(),
        jobId: undefined,
        jobMayExist: false,
        cancellation,
        cause: stop.signal.reason,
      });
    }
    const jobId = await pushWithGrace(steps, stop.signal, limits, stopReason);
    // From here the wait's own deadline (the time left) ends the run with the last job seen.
    clearTimeout(deadline);
    const left = timeoutMs === undefined ? undefined : timeoutMs - (Date.now() - startedAt);
    try {
      if (left !== undefined && left <= 0)
        throw new SieveWaitTimeoutError(jobId, undefined, timeoutMs ?? 0);
      return await steps.wait(jobId, stop.signal, left);
    } catch (error) {
      if (error instanceof SieveJobFailedError || error instanceof SieveJobCancelledError)
        throw error;
      const reason: RunStopReason = stop.signal.aborted
        ? stopReason()
        : error instanceof SieveWaitTimeoutError
          ? "timeout"
          : error instanceof SieveCallbackError
            ? "callback"
            : "error";
      const cancellation = cancelOnAbort ? await cancelJob(steps, jobId) : NOT_CANCELLING;
      // The wait counted only the time left after the push: name the run's whole limit.
      const cause =
        error instanceof SieveWaitTimeoutError && timeoutMs !== undefined
          ? new SieveWaitTimeoutError(jobId, error.job, timeoutMs, error.cause)
          : error;
      throw new SieveRunAbortedError({ reason, jobId, jobMayExist: true, cancellation, cause });
    }
  } finally {
    clearTimeout(deadline);
    signal?.removeEventListener("abort", onAbort);
  }
}

/**
 * The push, and its id. After a stop, a push already sent may still answer for `pushGraceMs`
 * (when the job would be cancelled), so that the job it created is known and can be cancelled.
 */
async function pushWithGrace(
  steps: RunSteps,
  stop: AbortSignal,
  limits: RunLimits,
  stopReason: () => RunStopReason,
): Promise<string> {
  const push = new AbortController();
  let grace: ReturnType<typeof setTimeout> | undefined;
  const onStop = () => {
    if (!limits.cancelOnAbort) push.abort(stop.reason);
    else grace = setTimeout(() => push.abort(stop.reason), limits.pushGraceMs);
  };
  stop.addEventListener("abort", onStop, { once: true });
  try {
    const { id } = await steps.push(push.signal, stop);
    if (!stop.aborted) return id;
    const cancellation = limits.cancelOnAbort ? await cancelJob(steps, id) : NOT_CANCELLING;
    throw new SieveRunAbortedError({
      reason: stopReason(),
      jobId: id,
      jobMayExist: true,
      cancellation,
      cause: stop.reason,
    });
  } catch (error) {
    if (!stop.aborted || error instanceof SieveRunAbortedError) throw error;
    const jobMayExist = pushMayHaveCreated(error);
    const reason = !jobMayExist
      ? "the push failed: no job was created"
      : error === stop.reason || push.signal.aborted
        ? "the push did not answer in time, so the job's id is unknown"
        : `the push failed (${describePushFailure(error)}), so the job's id is unknown`;
    throw new SieveRunAbortedError({
      reason: stopReason(),
      jobId: undefined,
      jobMayExist,
      cancellation: { status: "not-attempted", reason },
      cause: stop.reason,
    });
  } finally {
    clearTimeout(grace);
    stop.removeEventListener("abort", onStop);
  }
}

function describePushFailure(error: unknown): string {
  if (error instanceof SieveApiError) return `${error.status} ${error.detail}`;
  return error instanceof Error ? error.message : String(error);
}

/** A push that failed with a 4xx created nothing; any other failure may have created a job. */
function pushMayHaveCreated(error: unknown): boolean {
  return !(error instanceof SieveApiError && error.status < 500);
}

/** Statuses a job never leaves: a cancel refused for such a job left nothing running. */
const ENDED = new Set(["finished", "error", "cancelled"]);

async function cancelJob(steps: RunSteps, jobId: string): Promise<CancelOutcome> {
  try {
    await steps.cancel(jobId);
    return { status: "cancelled" };
  } catch (error) {
    const failure =
      error instanceof SieveError ? error : new SieveError(String(error), { cause: error });
    // The cancel may have landed though its answer was lost, and Sieve refuses to cancel a job
    // that is no longer processing: read what became of the job before saying it may still run.
    const job = await steps.read(jobId).catch(() => undefined);
    if (job?.status === "cancelled") return { status: "cancelled" };
    if (job && ENDED.has(job.status)) return { status: "already-ended", jobStatus: job.status };
    return { status: "failed", error: failure };
  }
}
