import type { HttpRequest, HttpResponse } from "./http-types.js";
import { DEFAULT_USER_AGENT } from "../config/user-agent.js";

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/**
 * The request to send after a redirect, or undefined when `response` is not one to follow.
 *
 * - A 303 (See Other) is followed as a `GET` without a body, whatever the method: for a
 *   `POST /push` that means the push is not sent again; the `GET` only reads where the server
 *   points, which is safe, and a 303 to a `DELETE` is read rather than repeated there.
 * - 301, 302, 307 and 308 are followed with the same method only for a request without a body;
 *   one with a body (`POST /push`) is never re-sent to a new place, and its 3xx is the answer.
 * - A hop to another origin (host, port or scheme) carries no header the caller set: not the
 *   API key, nor any custom `headers` option; only the `User-Agent` the client sends anywhere.
 *   A hop on the same origin keeps every header. Once dropped, headers stay dropped.
 */
export function nextRedirect(
  request: HttpRequest,
  response: HttpResponse,
): HttpRequest | undefined {
  const { status } = response;
  if (!REDIRECT_STATUSES.has(status)) return undefined;
  const seeOther = status === 303;
  if (!seeOther && request.body !== undefined) return undefined;
  const location = response.headers.get("location");
  if (!location) return undefined;
  let target: URL;
  try {
    target = new URL(location, request.url);
  } catch {
    return undefined;
  }
  if (target.protocol !== "https:" && target.protocol !== "http:") return undefined;
  let headers = request.headers;
  if (target.origin !== new URL(request.url).origin) {
    headers = { "User-Agent": DEFAULT_USER_AGENT };
  } else if (seeOther && request.body !== undefined) {
    headers = withoutContentHeaders(headers);
  }
  const method = seeOther ? "GET" : request.method;
  return { method, url: target.href, headers, body: undefined };
}

/** The headers of a request that had a body, without those that describe it. */
function withoutContentHeaders(headers: Record<string, string>): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (!name.toLowerCase().startsWith("content-")) kept[name] = value;
  }
  return kept;
}
