import { SieveApiError } from "./sieve-api-error.js";

/**
 * 403: the key may not do this.
 *
 * @example
 * if (error instanceof SievePermissionError) throw new Error("this key cannot push jobs", { cause: error });
 */
export class SievePermissionError extends SieveApiError {
  override name = "SievePermissionError";
}
