import type { ValidationIssue } from "../../../generated/sieve.js";
import { SieveApiError, type ApiErrorInit } from "./sieve-api-error.js";

/** 400: the request was understood but refused, e.g. cancelling a job that is not running. */
export class SieveBadRequestError extends SieveApiError {
  override name = "SieveBadRequestError";
}

/** 401: the API key is missing or invalid. Never retried. */
export class SieveAuthenticationError extends SieveApiError {
  override name = "SieveAuthenticationError";
}

/** 402: the organization is out of credits and has no payment method. */
export class SievePaymentRequiredError extends SieveApiError {
  override name = "SievePaymentRequiredError";
}

/** 403: the key may not do this. */
export class SievePermissionError extends SieveApiError {
  override name = "SievePermissionError";
}

/** 404: no such job or function. */
export class SieveNotFoundError extends SieveApiError {
  override name = "SieveNotFoundError";
}

/**
 * 422: the server rejected the request's fields; `issues` lists each `{ loc, msg, type }`.
 *
 * @example
 * if (error instanceof SieveValidationError) for (const i of error.issues) console.log(i.loc, i.msg);
 */
export class SieveValidationError extends SieveApiError {
  override name = "SieveValidationError";
  readonly issues: ValidationIssue[];

  constructor(init: ApiErrorInit) {
    super(init);
    this.issues = readIssues(init.body);
  }
}

/**
 * 429: too many requests, after the retries allowed; or the server asked to wait longer than
 * `maxRetryDelayMs`, in which case the client failed at once instead of sleeping.
 *
 * @example
 * if (error instanceof SieveRateLimitError) await sleep(error.retryAfterMs ?? 1_000);
 */
export class SieveRateLimitError extends SieveApiError {
  override name = "SieveRateLimitError";
}

/** 5xx: the server (or a proxy in front of it) failed. */
export class SieveServerError extends SieveApiError {
  override name = "SieveServerError";
}

/**
 * A response whose body was larger than the client's `maxResponseBytes` (decoded bytes): the
 * client stopped reading at the limit instead of holding an unbounded body. `status` is the
 * response's. Never retried, since the same server would send the same body again; raise the
 * limit with `createSieveClient({ maxResponseBytes })` if such a body is expected.
 *
 * @example
 * if (error instanceof SieveResponseTooLargeError) console.error(`over ${error.maxResponseBytes} bytes`);
 */
export class SieveResponseTooLargeError extends SieveApiError {
  override name = "SieveResponseTooLargeError";
  /** The limit the body went past, in bytes. */
  readonly maxResponseBytes: number;

  constructor(init: ApiErrorInit & { maxResponseBytes: number }) {
    super(init);
    this.maxResponseBytes = init.maxResponseBytes;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), maxResponseBytes: this.maxResponseBytes };
  }
}

const classByStatus: Record<number, typeof SieveApiError> = {
  400: SieveBadRequestError,
  401: SieveAuthenticationError,
  402: SievePaymentRequiredError,
  403: SievePermissionError,
  404: SieveNotFoundError,
  422: SieveValidationError,
  429: SieveRateLimitError,
};

/**
 * Builds the error class that fits `init.status` (`SieveApiError` for any other status).
 *
 * @example
 * createApiError({ status: 404, method: "GET", url, body: { detail: "Job not found." }, headers: {} });
 * // -> SieveNotFoundError
 */
export function createApiError(init: ApiErrorInit): SieveApiError {
  if (init.status >= 500 && init.status <= 599) return new SieveServerError(init);
  const ErrorClass = classByStatus[init.status] ?? SieveApiError;
  return new ErrorClass(init);
}

function readIssues(body: unknown): ValidationIssue[] {
  if (typeof body !== "object" || body === null) return [];
  const detail = (body as { detail?: unknown }).detail;
  if (!Array.isArray(detail)) return [];
  return detail.filter(
    (item): item is ValidationIssue =>
      typeof item === "object" &&
      item !== null &&
      Array.isArray((item as ValidationIssue).loc) &&
      typeof (item as ValidationIssue).msg === "string",
  );
}
