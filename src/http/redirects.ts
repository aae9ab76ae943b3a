const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
/** Headers that carry credentials: never sent to an origin the caller did not name. */
const CREDENTIAL_HEADERS = ["x-api-key", "authorization", "cookie"];

/**
 * The request to send after a redirect, or undefined when `response` is not one to follow.
 * Only body-less requests are followed (a `POST /push` is never re-sent to a new place), and a
 * hop to another origin (host, port or scheme) drops the API key and other credentials: Node's
 * fetch would otherwise carry `X-API-Key` to wherever a redirect points.
 *
 * @example
 * const next = nextRedirect(request, response); // Request without X-API-Key if the origin changed
 */
export function nextRedirect(request: Request, response: Response): Request | undefined {
  if (!REDIRECT_STATUSES.has(response.status) || request.body !== null) return undefined;
  const location = response.headers.get("location");
  if (!location) return undefined;
  const target = new URL(location, request.url);
  if (target.protocol !== "https:" && target.protocol !== "http:") return undefined;
  const headers = new Headers(request.headers);
  if (target.origin !== new URL(request.url).origin) {
    for (const name of CREDENTIAL_HEADERS) headers.delete(name);
  }
  return new Request(target, { method: request.method, headers, redirect: "manual" });
}
