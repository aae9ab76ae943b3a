import type { Job } from "../../../generated/sieve.js";
import { SieveError } from "./sieve-error.js";

/**
 * `jobs.wait` gave up after its `timeoutMs`; the job itself may still be running (`jobs.run`
 * rejects with a `SieveRunAbortedError` whose `cause` is this error). `job` is the last state
 * seen, if any; `cause` the last transient failure, if the polls were failing when time ran out
 * (its message is named in this one's).
 *
 * @example
 * try {
 *   await sieve.jobs.wait(id, { timeoutMs: 60_000 });
 * } catch (error) {
 *   if (error instanceof SieveWaitTimeoutError) console.warn(`still ${error.job?.status} after 60 s`);
 * }
 */
export class SieveWaitTimeoutError extends SieveError {
  override name = "SieveWaitTimeoutError";
  /**
   * The id of the job waited for.
   *
   * @example
   * if (error instanceof SieveWaitTimeoutError) await sieve.jobs.cancel(error.jobId);
   */
  readonly jobId: string;
  /**
   * The last state of the job that was read, undefined if no poll succeeded.
   *
   * @example
   * if (error instanceof SieveWaitTimeoutError) console.warn(error.job?.status ?? "never read");
   */
  readonly job: Job | undefined;
  /**
   * The wait's limit, in milliseconds.
   *
   * @example
   * if (error instanceof SieveWaitTimeoutError) console.warn(`gave up after ${error.timeoutMs} ms`);
   */
  readonly timeoutMs: number;

  constructor(jobId: string, job: Job | undefined, timeoutMs: number, lastFailure?: unknown) {
    const seen = job ? `last seen ${String(job.status)}` : "no poll succeeded";
    const failing =
      lastFailure instanceof Error ? `; the last poll failed: ${lastFailure.message}` : "";
    super(`Gave up waiting for job ${jobId} after ${timeoutMs} ms (${seen}${failing})`, {
      cause: lastFailure,
    });
    this.jobId = jobId;
    this.job = job;
    this.timeoutMs = timeoutMs;
  }

  override toJSON(): Record<string, unknown> {
    return {
      ...super.toJSON(),
      jobId: this.jobId,
      status: this.job?.status,
      timeoutMs: this.timeoutMs,
    };
  }
}
