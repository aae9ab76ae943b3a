import { SieveApiError } from "../errors/sieve-api-error.js";
import { SieveConnectionError } from "../errors/sieve-connection-error.js";
import { isFinal, shouldRetryFailure, shouldRetryStatus } from "../http/retry-policy.js";

/**
 * The transport's own rule, applied to a read that already failed: a failure is transient when
 * the transport would have retried a `GET` that met it. That is no response (connection
 * failure, attempt timeout), 408, 429, 500, 502, 503 and 504. Anything else (another 4xx, a
 * `SieveInputError`, a `SieveInternalError` from a bug, a failure the transport marked final
 * such as a redirect loop or an oversized body) is not, and ends a wait at once.
 *
 * @example
 * isTransientError(new SieveServerError({ status: 503, ... })); // true
 * isTransientError(new TypeError("x is not a function")); // false
 */
export function isTransientError(error: unknown): error is SieveApiError | SieveConnectionError {
  if (isFinal(error)) return false;
  if (error instanceof SieveApiError) return shouldRetryStatus("GET", error.status);
  return error instanceof SieveConnectionError && shouldRetryFailure("GET", error.cause);
}
