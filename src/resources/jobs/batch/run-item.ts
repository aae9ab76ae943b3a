import type { Job, PushRequest, PushResponse } from "../../../../generated/sieve.js";
import { SieveError } from "../../../core/errors/sieve-error.js";
import { SieveJobCancelledError } from "../../../core/errors/sieve-job-cancelled-error.js";
import { SieveJobFailedError } from "../../../core/errors/sieve-job-failed-error.js";
import { SieveRunAbortedError } from "../../../core/errors/sieve-run-aborted-error.js";
import { checkPushRequest } from "../../../core/validation/push-request.js";
import { SieveAmbiguousPushError, SieveJournalError } from "./batch-errors.js";
import type { Settled, ProgressTracker } from "./batch-progress.js";
import type { BatchErrorResult, BatchResult } from "./batch-types.js";
import { gatedPush, pushCreatedNothing, type PushContext, type PushStep } from "./gated-push.js";
import type { BatchItem } from "./item-source.js";
import { requestKey, resumptionOf } from "./journal-replay.js";

/** Runs one item as `jobs.run` does (push, wait, cancel when stopped), with `push` as its push. */
export type RunItemJob = (body: PushRequest, push: PushStep, signal: AbortSignal) => Promise<Job>;

/** What every item of a batch shares. */
export interface ItemContext extends PushContext {
  run: RunItemJob;
  progress: ProgressTracker;
  /** Aborts when the batch stops: its own signal, or the consumer stopped iterating. */
  stop: AbortSignal;
}

/**
 * Runs one item to its result, which it never throws: a bad request is reported without a
 * push; an item the journal knows is waited on (its job), reported ambiguous (a push never
 * answered), or pushed (nothing left); any other item waits for the rate-limit pause, then
 * runs. The job's end is journalled before the result is returned.
 */
export async function runItem<R>(item: BatchItem<R>, ctx: ItemContext): Promise<BatchResult<R>> {
  const { index, request } = item;
  let started = false;
  const report = (result: BatchResult<R>, how: Settled) => {
    ctx.progress.settled(how, started);
    return result;
  };
  let body: PushRequest;
  try {
    body = checkPushRequest(request);
  } catch (error) {
    return report(failed(item, error, false), "failed");
  }
  const key = requestKey(body);
  const record = ctx.journal.records.get(index);
  const resume = resumptionOf(record);
  if (record?.key !== undefined && record.key !== key) {
    const error = new SieveJournalError(
      `Item ${index} is not the request the journal recorded for it, so it was not pushed: rerun with the same requests, in the same order.`,
    );
    const jobMayExist = resume.kind !== "push";
    return report({ ...failed(item, error, true), jobId: record.jobId, jobMayExist }, "failed");
  }
  if (resume.kind === "ambiguous")
    return report(failed(item, new SieveAmbiguousPushError(index), true), "failed");
  // runJob reads only the id of what the push step returns.
  const push: PushStep =
    resume.kind === "wait"
      ? async () => ({ id: resume.jobId }) as PushResponse
      : gatedPush(ctx, index, key, body);
  if (resume.kind === "push") await ctx.gate.wait(ctx.stop);
  started = true;
  ctx.progress.started();
  const resumed = resume.kind === "wait";
  // A rerun reads again a job the journal saw end: its end is not written a second time.
  const noteEnded = async (jobId: string, status: string) => {
    if (record?.last !== "ended") await ctx.journal.note({ type: "ended", index, jobId, status });
  };
  try {
    const job = await ctx.run(body, push, ctx.stop);
    await noteEnded(job.id, job.status);
    return report({ index, request, job, jobId: job.id, resumed }, "finished");
  } catch (error) {
    const result = failed(item, error, resumed);
    const status = endedStatus(result.error);
    if (result.jobId !== undefined && status !== undefined) await noteEnded(result.jobId, status);
    const cancelled =
      result.error instanceof SieveJobCancelledError ||
      (result.error instanceof SieveRunAbortedError && result.error.reason === "aborted");
    return report(result, cancelled ? "cancelled" : "failed");
  }
}

/** The result of an item that did not finish, with what is known of its job. */
function failed<R>(item: BatchItem<R>, thrown: unknown, resumed: boolean): BatchErrorResult<R> {
  const error =
    thrown instanceof SieveError ? thrown : new SieveError(String(thrown), { cause: thrown });
  const base = { index: item.index, request: item.request, error, resumed };
  if (error instanceof SieveRunAbortedError)
    return { ...base, jobId: error.jobId, jobMayExist: error.jobMayExist };
  if (error instanceof SieveJobFailedError || error instanceof SieveJobCancelledError)
    return { ...base, jobId: error.job.id, jobMayExist: true };
  return { ...base, jobId: undefined, jobMayExist: !pushCreatedNothing(error) };
}

/** The status a job is known to have ended with, from the error its item ended with. */
function endedStatus(error: SieveError): string | undefined {
  if (error instanceof SieveJobFailedError) return "error";
  if (error instanceof SieveJobCancelledError) return "cancelled";
  if (!(error instanceof SieveRunAbortedError)) return undefined;
  const { cancellation } = error;
  if (cancellation.status === "cancelled") return "cancelled";
  return cancellation.status === "already-ended" ? cancellation.jobStatus : undefined;
}
