import type { ValidationIssue } from "../../../generated/sieve.js";
import { SieveApiError, type ApiErrorInit } from "./sieve-api-error.js";

/**
 * 422: the server rejected the request's fields; `issues` lists each `{ loc, msg, type }`.
 *
 * @example
 * if (error instanceof SieveValidationError) for (const i of error.issues) console.log(i.loc, i.msg);
 */
export class SieveValidationError extends SieveApiError {
  override name = "SieveValidationError";
  /**
   * Each field the server rejected: `loc` (where), `msg` (why), `type`.
   *
   * @example
   * if (error instanceof SieveValidationError) for (const i of error.issues) console.log(i.loc.join("."), i.msg);
   */
  readonly issues: ValidationIssue[];

  constructor(init: ApiErrorInit) {
    super(init);
    this.issues = readIssues(init.body);
  }
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
