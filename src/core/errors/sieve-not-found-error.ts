import { SieveApiError } from "./sieve-api-error.js";

/**
 * 404: no such job or function.
 *
 * @example
 * const job = await sieve.jobs.get(id).catch((error) => {
 *   if (error instanceof SieveNotFoundError) return undefined;
 *   throw error;
 * });
 */
export class SieveNotFoundError extends SieveApiError {
  override name = "SieveNotFoundError";
}
