import { SieveRequestError } from "./sieve-request-error.js";

export type { RequestTarget } from "./sieve-request-error.js";

/**
 * No response arrived: the connection was refused or dropped, DNS failed, TLS failed.
 * `cause` holds the runtime's own error. Retried for GET and DELETE; for `POST /push` only when
 * the request surely never left (see the README's retry table).
 *
 * @example
 * try {
 *   await sieve.jobs.list();
 * } catch (error) {
 *   if (error instanceof SieveConnectionError) console.error("network:", error.message, error.cause);
 * }
 */
export class SieveConnectionError extends SieveRequestError {
  override name = "SieveConnectionError";
}
