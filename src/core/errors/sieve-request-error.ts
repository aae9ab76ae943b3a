import { SieveError } from "./sieve-error.js";

/** Where a failed request went: enough to find it in logs, never a header or a body. */
export interface RequestTarget {
  /** HTTP method, e.g. `GET`. */
  method: string;
  /** The full request URL (it never holds the API key: the key travels in a header). */
  url: string;
}

/**
 * A request that got no usable response, with where it went: the base of
 * `SieveConnectionError` (the network failed) and `SieveInternalError` (the client failed).
 *
 * @example
 * if (error instanceof SieveRequestError) console.error(error.method, error.url, error.cause);
 */
export class SieveRequestError extends SieveError {
  override name = "SieveRequestError";
  /**
   * HTTP method of the request.
   *
   * @example
   * if (error instanceof SieveRequestError) console.error(`${error.method} got no response`);
   */
  readonly method: string;
  /**
   * Full request URL.
   *
   * @example
   * if (error instanceof SieveConnectionError) console.error(`could not reach ${error.url}`);
   */
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
