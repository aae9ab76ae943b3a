/**
 * Thrown by a sender around a failure of the network itself (the runtime's `fetch` rejected, or
 * undici failed with an error code): the transport may retry it as the retry policy says. A
 * sender failure that is not wrapped in this is a bug (in the client, or a runtime it does not
 * support, such as a missing `Agent.request`) and is never retried. Internal: the transport
 * unwraps it, so callers see the runtime's own error as `cause`.
 *
 * @example
 * throw new NetworkFailure(error); // inside a sender
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
 *
 * @example
 * hasErrorCode(Object.assign(new Error("reset"), { code: "ECONNRESET" })); // true
 */
export function hasErrorCode(error: unknown): boolean {
  return typeof (error as { code?: unknown } | null)?.code === "string";
}
