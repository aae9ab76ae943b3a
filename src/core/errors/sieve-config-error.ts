import { SieveError } from "./sieve-error.js";

/**
 * The client was configured wrongly: no API key, a malformed base URL, plain `http://` to a
 * remote host, an option out of range. Thrown by `createSieveClient`, before any request.
 *
 * @example
 * try {
 *   createSieveClient({ apiKey: "" });
 * } catch (error) {
 *   if (error instanceof SieveConfigError) console.error(error.message); // says how to set the key
 * }
 */
export class SieveConfigError extends SieveError {
  override name = "SieveConfigError";
}
