import type { Job } from "../../../generated/sieve.js";
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
  /**
   * The job as last read, with status `error`.
   *
   * @example
   * if (error instanceof SieveJobFailedError) console.error(`job ${error.job.id} failed at ${error.job.completed_at}`);
   */
  readonly job: Job;
  /**
   * The job's error text, as Sieve reported it (short JSON when it is not a string).
   *
   * @example
   * if (error instanceof SieveJobFailedError) console.error(error.jobError); // e.g. "CUDA out of memory"
   */
  readonly jobError: string;

  constructor(job: Job) {
    const jobError = describeJobError(job.error as unknown);
    super(`Job ${job.id} failed: ${jobError}`);
    this.job = job;
    this.jobError = jobError;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), jobId: this.job.id, jobError: this.jobError };
  }
}

const MAX_ERROR_JSON = 300;

/** The error as text: a string as it is, anything else as JSON cut at 300 characters. */
function describeJobError(error: unknown): string {
  if (error === undefined || error === null || error === "") return "no error text given";
  if (typeof error === "string") return error;
  let text: string;
  try {
    text = JSON.stringify(error) ?? String(error);
  } catch {
    text = String(error);
  }
  return text.length > MAX_ERROR_JSON ? `${text.slice(0, MAX_ERROR_JSON - 3)}...` : text;
}
