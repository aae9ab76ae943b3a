import { SieveApiError } from "./sieve-api-error.js";

/**
 * 5xx: the server (or a proxy in front of it) failed.
 *
 * @example
 * if (error instanceof SieveServerError) console.error(`Sieve failed (${error.status}); retry later`);
 */
export class SieveServerError extends SieveApiError {
  override name = "SieveServerError";
}
