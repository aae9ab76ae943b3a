import { SieveError } from "./sieve-error.js";

/** What the client knows about a response that was not a success. */
export interface ApiErrorInit {
  /** HTTP status code. */
  status: number;
  /** HTTP method of the request. */
  method: string;
  /** Full request URL. */
  url: string;
  /** The response body: parsed JSON when it was JSON, else its text (secrets redacted). */
  body: unknown;
  /** Response headers, lower-cased names. */
  headers: Record<string, string>;
  /** A one-line explanation; derived from the body when omitted. */
  detail?: string;
  /** Added to the message, e.g. that a push may have created a job. */
  note?: string;
  /** What the server asked to wait before retrying (`Retry-After`), in milliseconds. */
  retryAfterMs?: number;
  cause?: unknown;
}

/**
 * The API answered with an error status (or a success that could not be read). Subclasses by
 * status: `SieveBadRequestError` 400, `SieveAuthenticationError` 401,
 * `SievePaymentRequiredError` 402, `SievePermissionError` 403, `SieveNotFoundError` 404,
 * `SieveValidationError` 422, `SieveRateLimitError` 429, `SieveServerError` 5xx.
 *
 * @example
 * try {
 *   await sieve.jobs.get(jobId);
 * } catch (error) {
 *   if (error instanceof SieveApiError) console.error(error.status, error.detail);
 * }
 */
export class SieveApiError extends SieveError {
  override name = "SieveApiError";
  /**
   * The HTTP status of the answer.
   *
   * @example
   * if (error instanceof SieveApiError && error.status === 409) console.warn("conflict");
   */
  readonly status: number;
  /**
   * The request's method, e.g. `GET`.
   *
   * @example
   * if (error instanceof SieveApiError) console.error(`${error.method} ${error.url}: ${error.status}`);
   */
  readonly method: string;
  /**
   * The request's URL (query included; the key is never in it).
   *
   * @example
   * if (error instanceof SieveApiError) console.error(`failed: ${error.url}`);
   */
  readonly url: string;
  /**
   * The parsed JSON body, or the raw text when the body was not JSON.
   *
   * @example
   * if (error instanceof SieveValidationError) console.error(JSON.stringify(error.body));
   */
  readonly body: unknown;
  /**
   * The server's explanation: `detail` of the JSON body, or the text of a non-JSON page.
   *
   * @example
   * if (error instanceof SieveApiError) console.error(`Sieve said: ${error.detail}`);
   */
  readonly detail: string;
  /**
   * Response headers, lower-cased names.
   *
   * @example
   * if (error instanceof SieveApiError) console.error(error.headers["content-type"]);
   */
  readonly headers: Record<string, string>;
  /**
   * What the server asked to wait before retrying (`Retry-After`), in milliseconds, when the
   * error response said: e.g. when the wait was longer than `maxRetryDelayMs`, or retries ran
   * out.
   *
   * @example
   * if (error instanceof SieveRateLimitError && error.retryAfterMs !== undefined)
   *   console.warn(`the server asks to wait ${error.retryAfterMs} ms`);
   */
  readonly retryAfterMs: number | undefined;
  /**
   * The id Sieve gives a failure in the body of a 5xx (`error_id`): quote it to Sieve's support.
   * Also in the message. Undefined when the body has none.
   *
   * @example
   * if (error instanceof SieveServerError && error.errorId) console.error(`Sieve error id: ${error.errorId}`);
   */
  readonly errorId: string | undefined;

  constructor(init: ApiErrorInit) {
    const detail = init.detail ?? describeErrorBody(init.body) ?? "no detail given";
    const errorId = readErrorId(init.body);
    const note = init.note ? ` ${init.note}` : "";
    const id = errorId ? ` (error_id ${errorId})` : "";
    super(`${init.status} ${init.method} ${init.url}: ${detail}${id}${note}`, {
      cause: init.cause,
    });
    this.errorId = errorId;
    this.status = init.status;
    this.method = init.method;
    this.url = init.url;
    this.body = init.body;
    this.detail = detail;
    this.headers = init.headers;
    this.retryAfterMs = init.retryAfterMs;
  }

  override toJSON(): Record<string, unknown> {
    const { status, method, url, detail, errorId, body, retryAfterMs } = this;
    return { ...super.toJSON(), status, method, url, detail, errorId, body, retryAfterMs };
  }
}

const ERROR_ID = /^[\w.:-]{1,100}$/;

/** `error_id` of a JSON error body, when it is a short string or number; else undefined. */
function readErrorId(body: unknown): string | undefined {
  if (typeof body !== "object" || body === null || !("error_id" in body)) return undefined;
  const { error_id: id } = body;
  const text = typeof id === "number" && Number.isFinite(id) ? String(id) : id;
  return typeof text === "string" && ERROR_ID.test(text) ? text : undefined;
}

const MAX_TEXT_DETAIL = 300;

/**
 * Turns an error body into one line: a string `detail`, the messages of a 422 `detail` list
 * (`loc: msg`), or the visible text of a non-JSON page (an HTML 502 from a proxy), cut to 300
 * characters. A `detail` of another shape (an object, a number, list items without a
 * `msg`) is rendered as JSON, shortened, never as "undefined".
 */
export function describeErrorBody(body: unknown): string | undefined {
  if (typeof body === "string") {
    const text = body
      .replace(/<(script|style)[\s\S]*?<\/\1>/gi, " ")
      .replace(/<[^>]*>/g, " ")
      .replace(/\s+/g, " ")
      .trim();
    return text ? cutDetail(text) : undefined;
  }
  if (typeof body !== "object" || body === null) return undefined;
  // FastAPI's `detail`; gateways in front of it may say `message` or `error` instead.
  const { detail } = body as { detail?: unknown };
  if (detail === undefined) return otherMessage(body);
  if (detail === null || detail === undefined || detail === "") return undefined;
  if (typeof detail === "string") return cutDetail(detail);
  if (!Array.isArray(detail)) return cutDetail(renderJson(detail));
  const lines = detail.map((item: unknown) => {
    if (typeof item === "string") return item;
    const { loc, msg } = (typeof item === "object" && item !== null ? item : {}) as {
      loc?: unknown;
      msg?: unknown;
    };
    const text = ["string", "number", "boolean"].includes(typeof msg) ? String(msg) : undefined;
    if (text === undefined) return renderJson(item);
    const where = Array.isArray(loc) ? loc.join(".") : "";
    return where ? `${where}: ${text}` : text;
  });
  return cutDetail(lines.join("; ")) || undefined;
}

function otherMessage(body: object): string | undefined {
  for (const key of ["message", "error"] as const) {
    const value: unknown = (body as Record<string, unknown>)[key];
    if (typeof value === "string" && value.trim()) return cutDetail(value.trim());
  }
  return undefined;
}

function cutDetail(text: string): string {
  return text.length > MAX_TEXT_DETAIL ? `${text.slice(0, MAX_TEXT_DETAIL)}…` : text;
}

function renderJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(typeof value);
  }
}
