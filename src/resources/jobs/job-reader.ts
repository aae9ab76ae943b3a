import type { Job } from "../../../generated/sieve.js";

/**
 * Reads a job once, as `sieve.jobs.get` does, with no retries of its own (the loops that call
 * it decide when to try again) and an optional time limit for the request.
 */
export type JobReader = (
  jobId: string,
  offset: number | undefined,
  call: { signal: AbortSignal | undefined; timeoutMs: number | undefined },
) => Promise<Job>;
