import { SieveApiError } from "../errors/sieve-api-error.js";
import { SieveResponseTooLargeError } from "../errors/sieve-response-too-large-error.js";
import type { Redactor } from "../utils/redactor.js";
import type { ResponseHeaders } from "./http-types.js";

/**
 * Thrown by a sender when a response arrived but its body cannot be used: larger than
 * `maxResponseBytes`, or in a `Content-Encoding` the sender cannot decode. Internal: the
 * transport turns it into a `SieveApiError` (secrets masked) and never retries it, since the
 * same server would send the same body again.
 */
export class ResponseFailure extends Error {
  constructor(
    readonly kind: "too-large" | "undecodable",
    readonly status: number,
    readonly headers: ResponseHeaders,
    /** What is wrong, as a clause: "the body is larger than ...". */
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(detail, options);
  }
}

/**
 * The typed error for a `ResponseFailure`: `SieveResponseTooLargeError` for a body past the
 * limit, else a `SieveApiError` saying what could not be read; secrets masked in headers and text.
 */
export function toApiError(
  failure: ResponseFailure,
  target: { method: string; url: string },
  options: { redactor: Redactor; maxResponseBytes: number; note?: string | undefined },
): SieveApiError {
  const { redactor } = options;
  const detail = redactor.text(failure.detail);
  const init = {
    status: failure.status,
    method: target.method,
    url: target.url,
    headers: redactor.value(failure.headers.toRecord()),
    body: undefined,
    detail,
    cause: failure.cause ?? new Error(detail),
    ...(options.note ? { note: options.note } : {}),
  };
  return failure.kind === "too-large"
    ? new SieveResponseTooLargeError({ ...init, maxResponseBytes: options.maxResponseBytes })
    : new SieveApiError(init);
}
