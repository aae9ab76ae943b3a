import { SieveRequestError } from "./sieve-request-error.js";

/**
 * A request failed inside the client, not on the network nor at the server: a bug in
 * sieve-client, or a runtime it does not support. `cause` is the original error. Never retried,
 * and `jobs.wait` does not poll through it.
 *
 * @example
 * try {
 *   await sieve.jobs.get(jobId);
 * } catch (error) {
 *   if (error instanceof SieveInternalError) reportBug(error.cause);
 * }
 */
export class SieveInternalError extends SieveRequestError {
  override name = "SieveInternalError";
}
