import type { HttpRequest, HttpResponse } from "./http-types.js";

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Headers that carry credentials: never sent to an origin the caller did not name. */
const CREDENTIAL_HEADERS = new Set(["x-api-key", "authorization", "cookie"]);

/**
 * The request to send after a redirect, or undefined when `response` is not one to follow.
 * Only body-less requests are followed (a `POST /push` is never re-sent to a new place), and a
 * hop to another origin (host, port or scheme) drops the API key and other credentials: Node's
 * fetch would otherwise carry `X-API-Key` to wherever a redirect points.
 *
 * @example
 * const next = nextRedirect(request, response); // without X-API-Key if the origin changed
 */
export function nextRedirect(
  request: HttpRequest,
  response: HttpResponse,
): HttpRequest | undefined {
  if (!REDIRECT_STATUSES.has(response.status) || request.body !== undefined) return undefined;
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
    headers = {};
    for (const [name, value] of Object.entries(request.headers)) {
      if (!CREDENTIAL_HEADERS.has(name.toLowerCase())) headers[name] = value;
    }
  }
  return { method: request.method, url: target.href, headers, body: undefined };
}
