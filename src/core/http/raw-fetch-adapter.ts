import type { HttpRequest } from "./http-types.js";
import type { Transport } from "./transport.js";

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/**
 * The `fetch` given to openapi-fetch for `sieve.raw`: turns its `Request` into plain data
 * (reading the body once, so retries can resend it), sends it through the client's transport,
 * and hands back a `Response` for openapi-fetch to parse.
 */
export function createRawFetchAdapter(
  transport: Transport,
): (request: Request) => Promise<Response> {
  return async (request) => {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    const body = request.body === null ? undefined : await request.text();
    const plain: HttpRequest = { method: request.method, url: request.url, headers, body };
    const response = await transport(plain, request.signal);
    return new Response(NULL_BODY_STATUSES.has(response.status) ? null : response.body, {
      status: response.status,
      headers: response.headers.toRecord(),
    });
  };
}
