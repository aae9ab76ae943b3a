/**
 * Thrown by a sender around a failure of the network itself (the runtime's `fetch` rejected, or
 * undici failed with an error code): the transport may retry it as the retry policy says. A
 * sender failure that is not wrapped in this is a bug (in the client, or a runtime it does not
 * support, such as a missing `Agent.request`) and is never retried. Internal: the transport
 * unwraps it, so callers see the runtime's own error as `cause`.
 */
export class NetworkFailure extends Error {
  override name = "NetworkFailure";

  constructor(cause: unknown) {
    super("network failure", { cause });
  }
}

/**
 * True when undici (or Node's net, tls or dns) raised `error`: each sets a string `code` on its
 * errors, such as `UND_ERR_SOCKET` or `ECONNRESET`.
 */
export function hasErrorCode(error: unknown): boolean {
  return typeof (error as { code?: unknown } | null)?.code === "string";
}

/**
 * Thrown by the fetch sender when the `fetch` it was given broke fetch's contract: it threw
 * instead of returning a promise, or resolved with something that is not a `Response`. That is a
 * bug in the caller's fetch, not the network: the transport makes it a `SieveInternalError`
 * that names the fetch, and never retries it. `cause` is what the fetch threw, if it threw.
 */
export class BrokenFetch extends Error {
  override name = "BrokenFetch";

  constructor(what: string, options?: { cause?: unknown }) {
    super(`the fetch passed to createSieveClient ${what}`, options);
  }
}
