import { SieveApiError } from "../errors/sieve-api-error.js";
import { createApiError } from "../errors/create-api-error.js";
import type { HttpRequest, HttpResponse } from "../http/http-types.js";
import { parseRetryAfter } from "../http/retry-after.js";
import type { Redactor } from "../utils/redactor.js";
import type { ShapeCheck } from "./response-shape.js";

/** How to turn a failed response into an error. */
export interface ParseOptions {
  /** Masks the API key and `env` values that a server may echo back. */
  redactor: Redactor;
  /**
   * Appended to the message of a 5xx failure, of a 3xx that was not followed, and of a 2xx that
   * cannot be read, e.g. that a push may have created a job.
   */
  serverFailureNote?: string | undefined;
  /** Says what is wrong with a parsed 2xx body (see `response-shape.ts`); none: any JSON. */
  shape?: ShapeCheck | undefined;
}

const MAX_BODY_KEPT = 1_000;

/**
 * Returns the parsed JSON of a 2xx response, or throws the `SieveApiError` subclass that fits
 * the status, with the body parsed when it is JSON and kept as text when not (a proxy's HTML
 * page). A 2xx whose body is empty, not JSON, or not the shape `options.shape` expects becomes a
 * `SieveApiError` that says so, never a `SyntaxError` (whose message would quote the body,
 * secrets included) nor a `TypeError` later. Secrets are masked in the body and the headers.
 */
export function parseResult<T>(
  request: HttpRequest,
  response: HttpResponse,
  options: ParseOptions,
): T {
  const { status, body } = response;
  const { redactor } = options;
  const { method, url } = request;
  if (status >= 200 && status < 300) {
    let parsed: unknown;
    let wrong: string | undefined;
    try {
      parsed = JSON.parse(body);
    } catch {
      const reason = body.trim() === "" ? "the body is empty" : "it does not parse as JSON";
      wrong = `the ${status} response is not valid JSON (${reason}); expected a JSON body`;
    }
    if (wrong === undefined) {
      const shapeWrong = options.shape?.(parsed);
      if (shapeWrong === undefined) return parsed as T;
      wrong = `the ${status} response is not ${shapeWrong}`;
    }
    throw new SieveApiError({
      status,
      method,
      url,
      headers: redactor.value(response.headers.toRecord()),
      body: redactor.text(body).slice(0, MAX_BODY_KEPT),
      detail: wrong,
      ...(options.serverFailureNote ? { note: options.serverFailureNote } : {}),
    });
  }
  const headers = redactor.value(response.headers.toRecord());
  const retryAfterMs = parseRetryAfter(response.headers);
  const parsed = redactor.value(parseErrorBody(body));
  const redirect = status >= 300 && status < 400 ? unfollowedRedirect(response) : undefined;
  throw createApiError({
    status,
    method,
    url,
    headers,
    ...(redirect ? { detail: redirect } : {}),
    body: typeof parsed === "string" ? parsed.slice(0, MAX_BODY_KEPT * 10) : parsed,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(options.serverFailureNote && mayHaveActed(status)
      ? { note: options.serverFailureNote }
      : {}),
  });
}

/**
 * True for an answer that does not say the request was refused: a 5xx (the server may have
 * acted before failing) or a 3xx the transport did not follow (it may have acted, then pointed
 * elsewhere). A 4xx says the request was refused.
 */
function mayHaveActed(status: number): boolean {
  return status >= 500 || (status >= 300 && status < 400);
}

/** Why the transport handed back a 3xx instead of following it, as the error's detail. */
function unfollowedRedirect(response: HttpResponse): string {
  const location = response.headers.get("location");
  if (!location) return "a redirect without a Location header, so it could not be followed";
  return `a redirect to ${JSON.stringify(location.slice(0, 200))}, which the client does not follow (only http(s) locations, and only for requests without a body)`;
}

function parseErrorBody(body: string): unknown {
  if (body.trim() === "") return undefined;
  try {
    return JSON.parse(body);
  } catch {
    return body;
  }
}
