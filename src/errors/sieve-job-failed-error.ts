import type { Job } from "../../generated/sieve.js";
import { SieveError } from "./sieve-error.js";

/**
 * The job ended with status `error`. `job` is the job as last read and `jobError` its error
 * text. Thrown by `jobs.wait`, `jobs.run` and `jobs.outputs`.
 *
 * @example
 * try {
 *   await sieve.jobs.run({ function: "sieve/dubbing", inputs });
 * } catch (error) {
 *   if (error instanceof SieveJobFailedError) console.error(error.job.id, error.jobError);
 * }
 */
export class SieveJobFailedError extends SieveError {
  override name = "SieveJobFailedError";
  /** The job as last read, with status `error`. */
  readonly job: Job;
  /** The job's error text, as Sieve reported it. */
  readonly jobError: string;

  constructor(job: Job) {
    const jobError = job.error || "no error text given";
    super(`Job ${job.id} failed: ${jobError}`);
    this.job = job;
    this.jobError = jobError;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), jobId: this.job.id, jobError: this.jobError };
  }
}
