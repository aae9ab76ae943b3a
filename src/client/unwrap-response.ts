import { SieveApiError } from "../errors/sieve-api-error.js";
import { createApiError } from "../errors/status-errors.js";
import { targetOf } from "../http/response-target.js";
import { parseRetryAfter } from "../http/retry-after.js";
import type { Redactor } from "../utils/redactor.js";

/** What openapi-fetch resolves to when asked for the body as text. */
export interface TextResult {
  data?: string;
  error?: unknown;
  response: Response;
}

/** How to turn a failed response into an error. */
export interface UnwrapOptions {
  /** Masks the API key and `env` values that a server may echo back. */
  redactor: Redactor;
  /** Appended to the message of a 5xx failure, e.g. that a push may have created a job. */
  serverFailureNote?: string | undefined;
}

/**
 * Returns the parsed JSON of a 2xx response, or throws the `SieveApiError` subclass that fits
 * the status. A 2xx whose body is empty or not JSON becomes a `SieveApiError` that says so,
 * never a `SyntaxError` from inside the client.
 *
 * @example
 * const job = await unwrapJson<Job>(raw.GET("/jobs/{job_id}", { params, parseAs: "text" }), { redactor });
 */
export async function unwrapJson<T>(
  pending: Promise<TextResult>,
  options: UnwrapOptions,
): Promise<T> {
  const { data, error, response } = await pending;
  const { method, url } = targetOf(response);
  const headers = Object.fromEntries(response.headers);
  const { redactor } = options;
  if (response.ok) {
    const text = data ?? "";
    try {
      if (text.trim() === "") throw new SyntaxError("the body is empty");
      return JSON.parse(text) as T;
    } catch (cause) {
      throw new SieveApiError({
        status: response.status,
        method,
        url,
        headers,
        body: redactor.text(text.slice(0, 1_000)),
        detail: `the ${response.status} response is not valid JSON (${(cause as Error).message}); expected a JSON body`,
        cause,
      });
    }
  }
  const retryAfterMs = parseRetryAfter(response.headers);
  throw createApiError({
    status: response.status,
    method,
    url,
    headers,
    body: redactor.value(error),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    ...(options.serverFailureNote && response.status >= 500
      ? { note: options.serverFailureNote }
      : {}),
  });
}
