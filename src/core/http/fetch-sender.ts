import { untilAborted } from "../utils/until-aborted.js";
import { SieveConnectionError } from "../errors/sieve-connection-error.js";
import type {
  HttpRequest,
  HttpResponse,
  ResponseHeaders,
  SendOptions,
  Sender,
} from "./http-types.js";
import { BrokenFetch, NetworkFailure } from "./network-failure.js";
import type { FetchLike } from "../config/client-options.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "../config/limits.js";
import { isKnownSmall, readBody, streamChunks } from "./read-body.js";
import { ResponseFailure } from "./response-failure.js";
import { markFinal } from "./retry-policy.js";
import { pushFailureNote } from "./transport-failures.js";

/**
 * A sender on a standard `fetch` (the default outside Node, and whenever the caller passes
 * `fetch`). One fetch call per attempt, `redirect: "manual"` so that no redirect is followed
 * behind the transport's back, and the body read inside the attempt: decoded by fetch itself
 * (gzip, deflate, br), counted as it streams, and cut off past `maxResponseBytes`. Only a
 * rejection of fetch's promise, or a failure while the body streams, is a `NetworkFailure`; a
 * fetch that throws synchronously or resolves with no `Response` is a `BrokenFetch` (a bug,
 * never retried). Every `Set-Cookie` is kept in the headers' record.
 */
export function createFetchSender(fetch: FetchLike): Sender {
  return async (request, attempt, options): Promise<HttpResponse> => {
    const { signal } = attempt;
    try {
      // Raced against the signal: a `fetch` that ignores `init.signal` still ends in time.
      return await untilAborted(sendOnce(fetch, request, signal, options), signal);
    } catch (error) {
      // fetch rejects only for the network (a TypeError, by the standard) or an abort; the same
      // holds for a failure while the body streams in. A broken fetch is no network failure.
      if (
        error instanceof ResponseFailure ||
        error instanceof SieveConnectionError ||
        error instanceof BrokenFetch
      )
        throw error;
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
  // A framework's caching fetch (Next.js) would otherwise answer a poll from its cache.
  if (supportsNoStore()) init.cache = "no-store";
  const response = checkResponse(await callFetch(fetch, request.url, init));
  if (response.type === "opaqueredirect") {
    // Final, not retried: a redirect is no transient failure.
    const { method, url } = request;
    const why =
      "the server redirected, and this runtime hides where to (redirects are not followed)";
    const note = pushFailureNote(request);
    const message = `${method} ${url} failed: ${why}.${note}`;
    throw markFinal(new SieveConnectionError(message, { method, url }));
  }
  const { status } = response;
  const raw = response.headers;
  const headers: ResponseHeaders = {
    get: (name) => raw.get(name),
    toRecord: () => headerRecord(raw),
  };
  const origin = { status, headers };
  const body = isKnownSmall(raw.get("content-encoding"), raw.get("content-length"), maxBytes)
    ? await response.text()
    : response.body
      ? await readBody(streamChunks(response.body), maxBytes, origin)
      : await readBody(textChunks(await response.text()), maxBytes, origin);
  return { status, headers, body };
}

/**
 * Calls `fetch`, telling its two failures apart: a synchronous throw is a bug in that fetch
 * (`BrokenFetch`); a rejection of the promise it returned is the network's.
 */
function callFetch(fetch: FetchLike, url: string, init: RequestInit): Promise<unknown> {
  let result: unknown;
  try {
    result = fetch(url, init);
  } catch (error) {
    throw new BrokenFetch("threw synchronously instead of returning a promise", { cause: error });
  }
  return Promise.resolve(result);
}

/**
 * `value` when it can be read as a `Response` (a numeric status, `headers.get`, `text`, a stream
 * or no body), else a `BrokenFetch`: reading it would fail with a `TypeError` that is no
 * network failure.
 */
function checkResponse(value: unknown): Response {
  const candidate = value as Partial<Response> | null | undefined;
  const usable =
    typeof candidate === "object" &&
    candidate !== null &&
    typeof candidate.status === "number" &&
    typeof candidate.headers?.get === "function" &&
    typeof candidate.text === "function" &&
    (candidate.body == null || typeof candidate.body.getReader === "function");
  if (usable) return candidate as Response;
  const got =
    value === null || value === undefined
      ? String(value)
      : typeof value === "object"
        ? "an object"
        : `a ${typeof value}`;
  throw new BrokenFetch(
    `resolved with ${got} that is not a Response (a numeric status, headers.get(), text())`,
  );
}

/**
 * Every header as a plain object with lower-case names. `Set-Cookie` keeps every cookie (joined
 * with ", " as undici's sender does) where the runtime has `getSetCookie()`; plain iteration of
 * `Headers` would keep only the last.
 */
function headerRecord(raw: Headers): Record<string, string> {
  const record: Record<string, string> = {};
  if (typeof raw.forEach === "function") {
    raw.forEach((value, name) => (record[name.toLowerCase()] = value));
  }
  const cookies = typeof raw.getSetCookie === "function" ? raw.getSetCookie() : [];
  if (cookies.length > 0) record["set-cookie"] = cookies.join(", ");
  return record;
}

/** A body some fetch gave as text only (a test double without a stream). */
async function* textChunks(text: string): AsyncGenerator<Uint8Array> {
  if (text) yield new TextEncoder().encode(text);
}

let noStore: boolean | undefined;

/**
 * Whether this runtime's `Request` takes `cache: "no-store"`: browsers, Deno, Bun and Node do;
 * older workerd throws on any `cache`. Asked once, of the global `Request`.
 */
function supportsNoStore(): boolean {
  if (noStore === undefined) {
    try {
      noStore = new Request("http://localhost/", { cache: "no-store" }).cache === "no-store";
    } catch {
      noStore = false;
    }
  }
  return noStore;
}
