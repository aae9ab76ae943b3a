import { SieveApiError } from "../errors/sieve-api-error.js";
import { SieveConnectionError } from "../errors/sieve-connection-error.js";

/**
 * True for failures that say nothing about the job: no response (connection, timeout), 408,
 * 429 and 5xx. A wait or an output stream keeps polling through them, until its own deadline.
 *
 * @example
 * isTransientError(new SieveServerError({ status: 503, ... })); // true
 */
export function isTransientError(error: unknown): boolean {
  if (error instanceof SieveConnectionError) return true;
  if (!(error instanceof SieveApiError)) return false;
  return error.status === 408 || error.status === 429 || error.status >= 500;
}
