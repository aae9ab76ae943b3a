import { jobStatusValues, webhookEventTypeValues } from "../../generated/sieve.js";
import type { JobStatus, PushRequest, ValidationIssue } from "../../generated/sieve.js";
import { isPlainObject } from "./plain-object.js";

type Loc = ValidationIssue["loc"];

/** What a list endpoint was asked for, after validation and defaults. */
export interface PageQuery {
  limit: number;
  offset: number;
  status?: JobStatus;
}

const missing = (loc: Loc): ValidationIssue => ({ loc, msg: "Field required", type: "missing" });
const notString = (loc: Loc): ValidationIssue => ({
  loc,
  msg: "Input should be a valid string",
  type: "string_type",
});
const notDict = (loc: Loc): ValidationIssue => ({
  loc,
  msg: "Input should be a valid dictionary",
  type: "dict_type",
});
const oneOf = (values: readonly string[]) =>
  `Input should be ${values
    .map((v) => `'${v}'`)
    .join(", ")
    .replace(/, ([^,]*)$/, " or $1")}`;

/**
 * Reads a non-negative integer query parameter as FastAPI would, adding a pydantic-style issue
 * to `issues` when it is not one.
 */
export function readCount(
  query: URLSearchParams,
  name: string,
  fallback: number,
  issues: ValidationIssue[],
): number {
  const raw = query.get(name);
  if (raw === null) return fallback;
  const loc = ["query", name];
  const value = /^\s*[+-]?\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(value)) {
    const msg = "Input should be a valid integer, unable to parse string as an integer";
    issues.push({ loc, msg, type: "int_parsing" });
    return fallback;
  }
  if (value < 0) {
    issues.push({
      loc,
      msg: "Input should be greater than or equal to 0",
      type: "greater_than_equal",
    });
    return fallback;
  }
  return value;
}

/**
 * Reads `limit` (default 500), `offset` (default 0) and, with `withStatus`, `status`.
 */
export function readPageQuery(
  query: URLSearchParams,
  { withStatus }: { withStatus: boolean },
  issues: ValidationIssue[],
): PageQuery {
  const limit = readCount(query, "limit", 500, issues);
  const offset = readCount(query, "offset", 0, issues);
  const status = withStatus ? query.get("status") : null;
  if (status === null) return { limit, offset };
  if (!(jobStatusValues as readonly string[]).includes(status)) {
    issues.push({ loc: ["query", "status"], msg: oneOf(jobStatusValues), type: "enum" });
    return { limit, offset };
  }
  return { limit, offset, status: status as JobStatus };
}

/**
 * Checks a push body against `PushRequest` as the server does, collecting every problem:
 * invalid JSON, a non-object body, `inputs` missing or not an object, not exactly one of
 * `function` and `id`, a webhook with an unknown type or a URL that is not absolute http(s),
 * an `env` value that is not a string.
 */
export function validatePushBody(
  text: string,
): { request: PushRequest; issues: [] } | { issues: ValidationIssue[] } {
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
  const issues: ValidationIssue[] = [];
  if (body.inputs === undefined) issues.push(missing(["body", "inputs"]));
  else if (!isPlainObject(body.inputs)) issues.push(notDict(["body", "inputs"]));
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

function checkWebhooks(webhooks: unknown, issues: ValidationIssue[]): void {
  if (webhooks === undefined || webhooks === null) return;
  if (!Array.isArray(webhooks)) {
    issues.push({
      loc: ["body", "webhooks"],
      msg: "Input should be a valid list",
      type: "list_type",
    });
    return;
  }
  webhooks.forEach((webhook: unknown, index) => {
    const loc = ["body", "webhooks", index];
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
  if (env === undefined || env === null) return;
  if (!isPlainObject(env)) {
    issues.push(notDict(["body", "env"]));
    return;
  }
  for (const [name, value] of Object.entries(env)) {
    if (typeof value !== "string") issues.push(notString(["body", "env", name]));
  }
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}
