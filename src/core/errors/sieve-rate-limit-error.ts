import { SieveApiError } from "./sieve-api-error.js";

/**
 * 429: too many requests, after the retries allowed; or the server asked to wait longer than
 * `maxRetryDelayMs`, in which case the client failed at once instead of sleeping.
 *
 * @example
 * if (error instanceof SieveRateLimitError) await sleep(error.retryAfterMs ?? 1_000);
 */
export class SieveRateLimitError extends SieveApiError {
  override name = "SieveRateLimitError";
}
