import { SieveApiError } from "./sieve-api-error.js";

/**
 * 401: the API key is missing or invalid. Never retried.
 *
 * @example
 * if (error instanceof SieveAuthenticationError) console.error("check SIEVE_API_KEY");
 */
export class SieveAuthenticationError extends SieveApiError {
  override name = "SieveAuthenticationError";
}
