import type { Job } from "../../../generated/sieve.js";
import { SieveError } from "./sieve-error.js";

/**
 * The job ended with status `cancelled` (by `jobs.cancel`, the dashboard or another client).
 *
 * @example
 * try {
 *   await sieve.jobs.wait(id);
 * } catch (error) {
 *   if (error instanceof SieveJobCancelledError) console.warn(`job ${error.job.id} was cancelled`);
 * }
 */
export class SieveJobCancelledError extends SieveError {
  override name = "SieveJobCancelledError";
  /**
   * The job as last read, with status `cancelled`.
   *
   * @example
   * if (error instanceof SieveJobCancelledError) console.warn(`${error.job.outputs.length} outputs before the cancel`);
   */
  readonly job: Job;

  constructor(job: Job) {
    super(`Job ${job.id} was cancelled`);
    this.job = job;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), jobId: this.job.id };
  }
}
