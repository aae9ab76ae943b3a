import type { Job } from "../../../generated/sieve.js";

/** How one read of a loop is made: the loop's signal, and the time the loop has left. */
export interface ReadCall {
  signal: AbortSignal | undefined;
  timeoutMs: number | undefined;
}

/**
 * Reads a job once, as `sieve.jobs.get` does, with no retries of its own (the loops that call
 * it decide when to try again) and an optional time limit for the request.
 */
export type JobReader = (jobId: string, offset: number | undefined, call: ReadCall) => Promise<Job>;

/**
 * What one `GET /jobs/{id}/await` gave: the job (normally ended); `"hold-ended"` when the server
 * let go of the request before the job ended (408: ask again); `"unsupported"` when the server
 * has no such endpoint (404 or 405: poll instead).
 */
export type AwaitAnswer = Job | "hold-ended" | "unsupported";

/** Sends one `GET /jobs/{id}/await`, with no retries of its own and an optional time limit. */
export type AwaitReader = (jobId: string, call: ReadCall) => Promise<AwaitAnswer>;
