import { SieveApiError } from "./sieve-api-error.js";

/**
 * 400: the request was understood but refused, e.g. cancelling a job that is not running.
 *
 * @example
 * try {
 *   await sieve.jobs.cancel(id);
 * } catch (error) {
 *   if (!(error instanceof SieveBadRequestError)) throw error; // 400: it had already ended
 * }
 */
export class SieveBadRequestError extends SieveApiError {
  override name = "SieveBadRequestError";
}
