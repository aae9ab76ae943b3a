import { webhookEventTypeValues } from "../../generated/sieve.js";
import type { PushRequest, ValidationIssue } from "../../generated/sieve.js";
import { isPlainObject } from "./plain-object.js";
import { oneOf } from "./query-params.js";

type Loc = ValidationIssue["loc"];

/** Pydantic-style issues, shared by the body validators. */
export const missing = (loc: Loc): ValidationIssue => ({
  loc,
  msg: "Field required",
  type: "missing",
});
export const notString = (loc: Loc): ValidationIssue => ({
  loc,
  msg: "Input should be a valid string",
  type: "string_type",
});
export const notDict = (loc: Loc): ValidationIssue => ({
  loc,
  msg: "Input should be a valid dictionary",
  type: "dict_type",
});
/**
 * Parses a JSON request body that must be an object, as FastAPI does: the object, or the
 * issues of an empty body, invalid JSON or a body that is not an object.
 */
export function parseBodyObject(
  text: string,
): { body: Record<string, unknown> } | { issues: ValidationIssue[] } {
  if (text.trim() === "") return { issues: [missing(["body"])] };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { issues: [{ loc: ["body", 0], msg: "JSON decode error", type: "json_invalid" }] };
  }
  if (!isPlainObject(body)) {
    const msg = "Input should be a valid dictionary or object to extract fields from";
    return { issues: [{ loc: ["body"], msg, type: "model_attributes_type" }] };
  }
  return { body };
}

/**
 * Checks a push body against `PushRequest` as the server does, collecting every problem:
 * invalid JSON, a non-object body, `inputs` missing or neither an object nor a list, not
 * exactly one of `function` and `id`, a webhook with an unknown type or a URL that is not
 * absolute http(s), an `env` that is not an object. Other fields are accepted and ignored, and
 * `env` values may be any JSON.
 */
export function validatePushBody(
  text: string,
): { request: PushRequest; issues: [] } | { issues: ValidationIssue[] } {
  const parsed = parseBodyObject(text);
  if (!("body" in parsed)) return parsed;
  const { body } = parsed;
  const issues: ValidationIssue[] = [];
  if (body.inputs === undefined) issues.push(missing(["body", "inputs"]));
  else if (!isPlainObject(body.inputs) && !Array.isArray(body.inputs)) {
    // pydantic reports each branch of the `dict | list` union.
    issues.push(notDict(["body", "inputs", "dict[any,any]"]), {
      loc: ["body", "inputs", "list[any]"],
      msg: "Input should be a valid list",
      type: "list_type",
    });
  }
  for (const key of ["function", "id"] as const) {
    const value = body[key];
    if (value !== undefined && value !== null && typeof value !== "string") {
      issues.push(notString(["body", key]));
    }
  }
  const given = [body.function, body.id].filter((v) => v !== undefined && v !== null).length;
  if (given !== 1) {
    const msg = `Value error, give either "function" or "id"${given ? ", not both" : ""}`;
    issues.push({ loc: ["body"], msg, type: "value_error" });
  }
  checkWebhooks(body.webhooks, issues);
  checkEnv(body.env, issues);
  return issues.length > 0 ? { issues } : { request: body as unknown as PushRequest, issues: [] };
}

/**
 * Checks a list of webhooks at `loc` (`["body", "webhooks"]` in a push).
 */
export function checkWebhooks(
  webhooks: unknown,
  issues: ValidationIssue[],
  at: ValidationIssue["loc"] = ["body", "webhooks"],
): void {
  if (webhooks === undefined || webhooks === null) return;
  if (!Array.isArray(webhooks)) {
    issues.push({ loc: at, msg: "Input should be a valid list", type: "list_type" });
    return;
  }
  webhooks.forEach((webhook: unknown, index) => {
    const loc = [...at, index];
    if (!isPlainObject(webhook)) {
      issues.push(notDict(loc));
      return;
    }
    if (webhook.type === undefined) issues.push(missing([...loc, "type"]));
    else if (!(webhookEventTypeValues as readonly unknown[]).includes(webhook.type)) {
      issues.push({ loc: [...loc, "type"], msg: oneOf(webhookEventTypeValues), type: "enum" });
    }
    if (webhook.url === undefined) issues.push(missing([...loc, "url"]));
    else if (typeof webhook.url !== "string") issues.push(notString([...loc, "url"]));
    else if (!isHttpUrl(webhook.url)) {
      const msg = "Input should be a valid URL with an http or https scheme and a host";
      issues.push({ loc: [...loc, "url"], msg, type: "url_parsing" });
    }
  });
}

function checkEnv(env: unknown, issues: ValidationIssue[]): void {
  if (env === undefined || env === null || isPlainObject(env)) return;
  issues.push(notDict(["body", "env"]));
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}
