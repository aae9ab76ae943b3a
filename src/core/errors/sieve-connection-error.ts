import { SieveError } from "./sieve-error.js";

/** Where a failed request went: enough to find it in logs, never a header or a body. */
export interface RequestTarget {
  /** HTTP method, e.g. `GET`. */
  method: string;
  /** The full request URL (it never holds the API key: the key travels in a header). */
  url: string;
}

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
export class SieveConnectionError extends SieveError {
  override name = "SieveConnectionError";
  readonly method: string;
  readonly url: string;

  constructor(message: string, target: RequestTarget, options?: { cause?: unknown }) {
    super(message, options);
    this.method = target.method;
    this.url = target.url;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), method: this.method, url: this.url };
  }
}
