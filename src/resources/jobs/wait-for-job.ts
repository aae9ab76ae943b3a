import type { Job } from "../../../generated/sieve.js";
import { SieveCallbackError } from "../../core/errors/sieve-callback-error.js";
import { SieveJobCancelledError } from "../../core/errors/sieve-job-cancelled-error.js";
import { SieveJobFailedError } from "../../core/errors/sieve-job-failed-error.js";
import {
  createJobPoller,
  STANDALONE_POLL_CONTEXT,
  type JobPoller,
  type PollContext,
} from "./job-poller.js";
import type { AwaitReader, JobReader } from "./job-reader.js";
import type { LongPollSlots } from "./long-poll-slots.js";
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

/** An answer to the long-poll sooner than this (or `intervalMs`) was no hold. */
const MIN_HOLD_MS = 100;

/**
 * Whether the server has `GET /jobs/{id}/await`, as one client has learnt it: once a wait fell
 * back to polling and the job was then read, the endpoint is known to be missing and later
 * waits poll from the start.
 */
export interface AwaitSupport {
  missing: boolean;
}

/**
 * Waits until a job ends, on the shared poll loop (`createJobPoller`): transient failures are
 * reported and retried until the wait's own deadline; anything else ends the wait at once.
 *
 * With `strategy: "await"` (and an `awaitJob` reader), each request is the `await` long-poll:
 * the server answers when the job ends, or 408 at the end of its hold, and the request is sent
 * again at once (no sleep, no retry report). A server without the endpoint (404 or 405) is
 * polled instead, and so is a wait that finds every long-poll slot of the client taken, until one
 * frees. Otherwise, and with `strategy: "poll"`, `GET /jobs/{id}` on the schedule.
 *
 * `onStatus` runs on each status change seen; a promise it returns is awaited (an abort still
 * ends the wait at once), and what it throws or rejects ends the wait with `SieveCallbackError`.
 * With the long-poll a job is seen when it ends, so a wait with `onStatus` reads the job once
 * first, to report the status it starts from.
 */
export async function waitForJob(
  read: JobReader,
  jobId: string,
  options: ResolvedWaitOptions,
  context: PollContext = STANDALONE_POLL_CONTEXT,
  awaitJob?: { read: AwaitReader; support: AwaitSupport; slots: LongPollSlots },
): Promise<Job> {
  const { signal, onStatus, timeoutMs } = options;
  const poller = createJobPoller(read, jobId, {
    signal,
    timeoutMs,
    context,
    minDelayMs: options.intervalMs,
  });
  let lastStatus: string | undefined;
  const seen = async (job: Job): Promise<boolean> => {
    if (job.status !== lastStatus && onStatus) await notify(onStatus, job, jobId, signal);
    lastStatus = job.status;
    if (job.status === "finished") return true;
    throwIfJobFailed(job);
    return false;
  };
  let longPoll =
    options.strategy === "await" && awaitJob !== undefined && !awaitJob.support.missing;
  let polls = 0;
  if (longPoll && onStatus) {
    const first = await readUntilAnswered(poller);
    if (await seen(first)) return first;
  }
  while (longPoll && awaitJob) {
    if (!awaitJob.slots.take()) {
      // Every long-poll of the client is open: poll on the schedule until one ends.
      const job = await poller.read(undefined);
      if (job && (await seen(job))) return job;
      await poller.sleep(pollDelay(polls++, options));
      continue;
    }
    const started = Date.now();
    const answer = await poller
      .attempt((call) => awaitJob.read(jobId, call))
      .finally(() => awaitJob.slots.release());
    if (answer === undefined) continue;
    if (answer === "unsupported") {
      longPoll = false;
      const job = await readUntilAnswered(poller);
      awaitJob.support.missing = true;
      if (await seen(job)) return job;
      break;
    }
    if (answer !== "hold-ended") {
      poller.saw(answer);
      if (await seen(answer)) return answer;
    }
    // A server that lets go at once (a running job, or a 408 without holding) is not asked in a
    // hot loop: it is asked on the polling schedule instead, at most ten times a second.
    const held = Date.now() - started;
    const quick = Math.max(options.intervalMs, MIN_HOLD_MS);
    if (held < quick) await poller.sleep(Math.max(pollDelay(polls++, options), quick - held));
  }
  for (;;) {
    const job = await poller.read(undefined);
    if (!job) continue;
    if (await seen(job)) return job;
    await poller.sleep(pollDelay(polls++, options));
  }
}

/** Reads the job, through transient failures (each already slept off by the poller). */
async function readUntilAnswered(poller: JobPoller): Promise<Job> {
  for (;;) {
    const job = await poller.read(undefined);
    if (job) return job;
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
