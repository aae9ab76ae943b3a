import { SieveError } from "./sieve-error.js";

/**
 * What `jobs.run` did about the job it had pushed when it stopped early.
 * - `cancelled`: the cancel (`DELETE /jobs/{id}`) was accepted.
 * - `failed`: the cancel was sent and did not succeed; `error` says why. The job may still run.
 * - `already-ended`: the cancel was refused because the job had already ended; `jobStatus` is
 *   the status it ended with, read after the refusal.
 * - `not-attempted`: no cancel was sent; `reason` says why (no job was created, its id is
 *   unknown, or `cancelOnAbort: false`).
 *
 * @example
 * if (error instanceof SieveRunAbortedError && error.cancellation.status === "failed")
 *   console.error(`job ${error.jobId} may still run:`, error.cancellation.error.message);
 */
export type CancelOutcome =
  | { status: "cancelled" }
  | { status: "failed"; error: SieveError }
  | { status: "already-ended"; jobStatus: string }
  | { status: "not-attempted"; reason: string };

/**
 * Why `jobs.run` stopped before the job ended: its signal aborted, its `timeoutMs` ran out,
 * `onStatus` threw, or a poll failed with an error that is not transient (a 401, a bug).
 *
 * @example
 * if (error instanceof SieveRunAbortedError && error.reason === "timeout") console.warn("run took too long");
 */
export type RunStopReason = "aborted" | "timeout" | "callback" | "error";

/** What `SieveRunAbortedError` is made from. */
export interface RunAbortedInit {
  reason: RunStopReason;
  /** The job's id, when the push answered. */
  jobId: string | undefined;
  /** True when a job may exist although its id is unknown (the push's answer never came). */
  jobMayExist: boolean;
  cancellation: CancelOutcome;
  /** The signal's reason, the `SieveWaitTimeoutError`, the `SieveCallbackError`, or the poll's error. */
  cause: unknown;
}

/**
 * `jobs.run` stopped before its job ended: aborted by its signal, out of `timeoutMs`, ended by
 * an `onStatus` callback that threw, or by a poll that failed for good. It says what is known: the job's id when the push answered,
 * whether a job may exist when it did not, and what became of the cancel (`cancellation`).
 * `cause` is the signal's reason, the `SieveWaitTimeoutError`, the `SieveCallbackError` or the
 * poll's error.
 *
 * @example
 * try {
 *   await sieve.jobs.run(request, { signal: AbortSignal.timeout(60_000) });
 * } catch (error) {
 *   if (error instanceof SieveRunAbortedError && error.cancellation.status !== "cancelled")
 *     console.warn(`job ${error.jobId ?? "(unknown id)"} may still be running`);
 * }
 */
export class SieveRunAbortedError extends SieveError {
  override name = "SieveRunAbortedError";
  /**
   * Why the run stopped early.
   *
   * @example
   * if (error instanceof SieveRunAbortedError) console.warn(`run stopped: ${error.reason}`);
   */
  readonly reason: RunStopReason;
  /**
   * The pushed job's id; undefined when the push never answered or failed.
   *
   * @example
   * if (error instanceof SieveRunAbortedError && error.jobId) console.warn(`job ${error.jobId}: ${error.cancellation.status}`);
   */
  readonly jobId: string | undefined;
  /**
   * True when a job may exist although its id is unknown: check `sieve.jobs.list()`.
   *
   * @example
   * if (error instanceof SieveRunAbortedError && error.jobMayExist && !error.jobId)
   *   console.warn("a job may exist:", (await sieve.jobs.list({ limit: 5 })).data.map((job) => job.id));
   */
  readonly jobMayExist: boolean;
  /**
   * What became of the job: cancelled, a cancel that failed, or no cancel and why.
   *
   * @example
   * if (error instanceof SieveRunAbortedError) console.warn(`cancel: ${error.cancellation.status}`);
   */
  readonly cancellation: CancelOutcome;

  constructor(init: RunAbortedInit) {
    super(describeRunStop(init), { cause: init.cause });
    this.reason = init.reason;
    this.jobId = init.jobId;
    this.jobMayExist = init.jobMayExist;
    this.cancellation = init.cancellation;
  }

  override toJSON(): Record<string, unknown> {
    const { reason, jobId, jobMayExist } = this;
    const cancellation =
      this.cancellation.status === "failed"
        ? { status: "failed", error: this.cancellation.error.toJSON() }
        : this.cancellation;
    return { ...super.toJSON(), reason, jobId, jobMayExist, cancellation };
  }
}

const STOPPED: Record<RunStopReason, string> = {
  aborted: "was aborted",
  timeout: "timed out",
  callback: "was ended by its onStatus callback",
  error: "stopped waiting: a poll failed",
};

function describeRunStop(init: RunAbortedInit): string {
  const { cancellation: outcome, jobId } = init;
  const cause = init.cause instanceof Error && init.cause.message ? ` (${init.cause.message})` : "";
  const head = `jobs.run ${STOPPED[init.reason]}${cause}`;
  if (jobId === undefined) {
    return init.jobMayExist
      ? `${head}; the push may have created a job whose id is unknown: check sieve.jobs.list().`
      : `${head}; no job was created.`;
  }
  if (outcome.status === "cancelled") return `${head}; cancelled job ${jobId}.`;
  if (outcome.status === "already-ended")
    return `${head}; job ${jobId} had already ended (${outcome.jobStatus}).`;
  if (outcome.status === "failed") {
    const why = outcome.error.message.replace(/\.$/, "");
    return `${head}; could not cancel job ${jobId}: ${why}; it may still be running.`;
  }
  return `${head}; job ${jobId} was not cancelled (${outcome.reason}) and may still be running.`;
}
