import {
  editFunctionRequestVisibilityValues,
  type EditFunctionRequest,
  type EditFunctionVersionRequest,
  type ValidationIssue,
} from "../../generated/sieve.js";
import { isPlainObject } from "./plain-object.js";
import { oneOf } from "./query-params.js";
import { checkWebhooks, missing, notDict, notString, parseBodyObject } from "./validate-request.js";

type Checked<T> = { request: T; issues: [] } | { issues: ValidationIssue[] };

const TEXT_FIELDS = ["title", "code_url", "description", "cover_image_url", "readme"] as const;
const LIST_FIELDS = ["tags", "examples"] as const;

/**
 * Checks an `EditFunctionRequest` body: every field optional and nullable; `webhooks` an
 * object with a `hooks` list, `visibility` `public` or `private`, the text fields strings and
 * `tags` / `examples` lists of strings. Unknown fields are ignored.
 */
export function validateEditFunction(text: string): Checked<EditFunctionRequest> {
  const parsed = parseBodyObject(text);
  if (!("body" in parsed)) return parsed;
  const { body } = parsed;
  const issues: ValidationIssue[] = [];
  const given = (key: string) => body[key] !== undefined && body[key] !== null;
  for (const key of TEXT_FIELDS) {
    if (given(key) && typeof body[key] !== "string") issues.push(notString(["body", key]));
  }
  for (const key of LIST_FIELDS) {
    if (!given(key)) continue;
    const value = body[key];
    if (!Array.isArray(value)) {
      issues.push({ loc: ["body", key], msg: "Input should be a valid list", type: "list_type" });
    } else {
      value.forEach((item: unknown, i) => {
        if (typeof item !== "string") issues.push(notString(["body", key, i]));
      });
    }
  }
  const visibilities = editFunctionRequestVisibilityValues.filter((v) => v !== null);
  if (given("visibility") && !(visibilities as readonly unknown[]).includes(body.visibility)) {
    issues.push({ loc: ["body", "visibility"], msg: oneOf(visibilities), type: "enum" });
  }
  if (given("webhooks")) {
    const webhooks = body.webhooks;
    if (!isPlainObject(webhooks)) issues.push(notDict(["body", "webhooks"]));
    else if (webhooks.hooks === undefined) issues.push(missing(["body", "webhooks", "hooks"]));
    else checkWebhooks(webhooks.hooks ?? [], issues, ["body", "webhooks", "hooks"]);
  }
  return issues.length > 0 ? { issues } : { request: body as EditFunctionRequest, issues: [] };
}

/**
 * Checks an `EditFunctionVersionRequest` body: `minimum_replicas` and `maximum_replicas`
 * optional, nullable, integers >= 0.
 */
export function validateEditVersion(text: string): Checked<EditFunctionVersionRequest> {
  const parsed = parseBodyObject(text);
  if (!("body" in parsed)) return parsed;
  const { body } = parsed;
  const issues: ValidationIssue[] = [];
  for (const key of ["minimum_replicas", "maximum_replicas"]) {
    const value = body[key];
    if (value === undefined || value === null) continue;
    const loc = ["body", key];
    if (typeof value !== "number") {
      issues.push({ loc, msg: "Input should be a valid integer", type: "int_type" });
    } else if (!Number.isSafeInteger(value)) {
      const msg = "Input should be a valid integer, got a number with a fractional part";
      issues.push({ loc, msg, type: "int_from_float" });
    } else if (value < 0) {
      const msg = "Input should be greater than or equal to 0";
      issues.push({ loc, msg, type: "greater_than_equal" });
    }
  }
  return issues.length > 0
    ? { issues }
    : { request: body as EditFunctionVersionRequest, issues: [] };
}
