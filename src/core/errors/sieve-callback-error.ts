import { SieveError } from "./sieve-error.js";

/**
 * A callback the caller passed (`onStatus`) threw or rejected, which ends the wait: `cause` is
 * what it threw, `jobId` the job being waited for. `jobs.run` cancels the job first, and rejects
 * with a `SieveRunAbortedError` whose `cause` is this error.
 *
 * @example
 * try {
 *   await sieve.jobs.wait(id, { onStatus: (job) => save(job) });
 * } catch (error) {
 *   if (error instanceof SieveCallbackError) console.error(`onStatus failed for ${error.jobId}`, error.cause);
 * }
 */
export class SieveCallbackError extends SieveError {
  override name = "SieveCallbackError";
  /**
   * The option whose callback failed, e.g. `onStatus`.
   *
   * @example
   * if (error instanceof SieveCallbackError) console.error(`${error.callback} threw`, error.cause);
   */
  readonly callback: string;
  /**
   * The job being waited for.
   *
   * @example
   * if (error instanceof SieveCallbackError) await sieve.jobs.cancel(error.jobId); // wait does not cancel
   */
  readonly jobId: string;

  constructor(callback: string, jobId: string, cause: unknown) {
    const why = cause instanceof Error ? cause.message : String(cause);
    super(`${callback} threw while waiting for job ${jobId}: ${why}`, { cause });
    this.callback = callback;
    this.jobId = jobId;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), callback: this.callback, jobId: this.jobId };
  }
}
