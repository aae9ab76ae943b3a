import { SieveConnectionError } from "../errors/sieve-connection-error.js";
import type { HttpResponse, Sender } from "./http-types.js";

/** The fetch signature a sender accepts: the global one or any compatible implementation. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * A sender on a standard `fetch` (the default outside Node, and whenever the caller passes
 * `fetch`). One fetch call per attempt, `redirect: "manual"` so that no redirect is followed
 * behind the transport's back, and the body read as text inside the attempt.
 *
 * @example
 * const send = createFetchSender(globalThis.fetch);
 * const response = await send({ method: "GET", url, headers, body: undefined }, signal);
 */
export function createFetchSender(fetch: FetchLike): Sender {
  return async (request, signal): Promise<HttpResponse> => {
    const init: RequestInit = {
      method: request.method,
      headers: request.headers,
      signal,
      redirect: "manual",
    };
    if (request.body !== undefined) init.body = request.body;
    const response = await fetch(request.url, init);
    if (response.type === "opaqueredirect") {
      // Final, not retried: a redirect is no transient failure.
      const { method, url } = request;
      const why =
        "the server redirected, and this runtime hides where to (redirects are not followed)";
      throw new SieveConnectionError(`${method} ${url} failed: ${why}.`, { method, url });
    }
    const body = await response.text();
    const { headers } = response;
    return {
      status: response.status,
      headers: { get: (name) => headers.get(name), toRecord: () => Object.fromEntries(headers) },
      body,
    };
  };
}
