import { SieveConnectionError } from "../errors/sieve-connection-error.js";
import type {
  HttpRequest,
  HttpResponse,
  ResponseHeaders,
  SendOptions,
  Sender,
} from "./http-types.js";
import { NetworkFailure } from "./network-failure.js";
import { DEFAULT_MAX_RESPONSE_BYTES, readBody, streamChunks } from "./read-body.js";
import { ResponseFailure } from "./response-failure.js";
import { markFinal } from "./retry-policy.js";

/** The fetch signature a sender accepts: the global one or any compatible implementation. */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * A sender on a standard `fetch` (the default outside Node, and whenever the caller passes
 * `fetch`). One fetch call per attempt, `redirect: "manual"` so that no redirect is followed
 * behind the transport's back, and the body read inside the attempt: decoded by fetch itself
 * (gzip, deflate, br), counted as it streams, and cut off past `maxResponseBytes`.
 *
 * @example
 * const send = createFetchSender(globalThis.fetch);
 * const response = await send({ method: "GET", url, headers, body: undefined }, signal);
 */
export function createFetchSender(fetch: FetchLike): Sender {
  return async (request, signal, options): Promise<HttpResponse> => {
    try {
      return await sendOnce(fetch, request, signal, options);
    } catch (error) {
      // fetch rejects only for the network (a TypeError, by the standard) or an abort.
      if (error instanceof ResponseFailure || error instanceof SieveConnectionError) throw error;
      throw new NetworkFailure(error);
    }
  };
}

async function sendOnce(
  fetch: FetchLike,
  request: HttpRequest,
  signal: AbortSignal,
  options: SendOptions | undefined,
): Promise<HttpResponse> {
  const maxBytes = options?.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
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
    throw markFinal(new SieveConnectionError(`${method} ${url} failed: ${why}.`, { method, url }));
  }
  const { status } = response;
  const raw = response.headers;
  const headers: ResponseHeaders = {
    get: (name) => raw.get(name),
    toRecord: () => Object.fromEntries(raw),
  };
  const origin = { status, headers };
  const body = response.body
    ? await readBody(streamChunks(response.body), maxBytes, origin)
    : await readBody(textChunks(await response.text()), maxBytes, origin);
  return { status, headers, body };
}

/** A body some fetch gave as text only (a test double without a stream). */
async function* textChunks(text: string): AsyncGenerator<Uint8Array> {
  if (text) yield new TextEncoder().encode(text);
}
