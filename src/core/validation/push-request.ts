import { webhookEventTypeValues } from "../../../generated/sieve.js";
import type { PushRequest, Webhook } from "../../../generated/sieve.js";
import { SieveInputError } from "../errors/sieve-input-error.js";
import { parseFunctionRef } from "./function-ref.js";
import { isPlainObject, toJsonValue } from "./json-value.js";
import { checkPathSegment } from "./path-segment.js";
import { checkKnownKeys } from "./query-params.js";
import { quoteValue, typeName } from "./quote-value.js";

export { isPlainObject } from "./json-value.js";

/**
 * Checks a push request before it is sent and returns the body to send: exactly one of
 * `function` (`owner/name[:version]`) and `id`; `inputs` a plain object or an array; each
 * webhook a known event type with an absolute http(s) URL; `env` an object; and every value one
 * that JSON carries faithfully (see `toJsonValue`: no BigInt, cycle, function,
 * symbol, `undefined` in an array, NaN, Map, class instance, throwing `toJSON`, or nesting
 * deeper than `MAX_JSON_DEPTH`), each refusal naming its path (`request.inputs.file.meta[2]`).
 *
 * The result is a fresh copy of plain data (a `toJSON` already applied, `undefined` properties
 * left out), so `JSON.stringify` of it is exactly what was checked. Fields beyond the known ones
 * are sent as given: Sieve's push accepts extra properties, and `env` values may be any JSON.
 * `jobs.push`, `run` and `runAll` run it on every request; call it yourself to check requests
 * read from a file before sending any (as `sieve-client batch` does). Throws `SieveInputError`.
 *
 * @example
 * import { checkPushRequest, SieveInputError } from "sieve-client";
 *
 * try {
 *   checkPushRequest(JSON.parse(line));
 * } catch (error) {
 *   if (error instanceof SieveInputError) console.error(`line ${n}: ${error.message}`);
 * }
 */
export function checkPushRequest(request: unknown): PushRequest {
  // First what the caller gave (so messages describe it), then the copy: exactly what will be
  // sent, in case a toJSON turned a checked value into another one.
  checkShape(request);
  const body = toJsonValue("request", request);
  checkShape(body);
  return body as unknown as PushRequest;
}

function checkShape(request: unknown): asserts request is Record<string, unknown> {
  if (!isPlainObject(request))
    throw new SieveInputError("request", `expected an object, got ${typeName(request)}`);
  const hasFunction = request.function !== undefined && request.function !== null;
  const hasId = request.id !== undefined && request.id !== null;
  if (hasFunction && hasId)
    throw new SieveInputError("request", 'give either "function" or "id", not both');
  if (!hasFunction && !hasId)
    throw new SieveInputError("request", 'give "function" ("owner/name") or "id"');
  if (hasFunction) parseFunctionRef("request.function", request.function, { allowVersion: true });
  if (hasId) checkPathSegment("request.id", request.id);
  if (!isPlainObject(request.inputs) && !Array.isArray(request.inputs)) {
    const got = request.inputs === undefined ? "nothing" : typeName(request.inputs);
    throw new SieveInputError(
      "request.inputs",
      `expected an object (or array) of the function's inputs, got ${got}`,
    );
  }
  if (request.webhooks !== undefined && request.webhooks !== null) checkWebhooks(request.webhooks);
  if (request.env !== undefined && request.env !== null) checkEnv(request.env);
}

/**
 * Checks one webhook: `type` one of the spec's event types, `url` an absolute http(s) URL.
 */
export function checkWebhook(field: string, webhook: unknown): Webhook {
  if (!isPlainObject(webhook))
    throw new SieveInputError(field, `expected { type, url }, got ${typeName(webhook)}`);
  checkKnownKeys(field, webhook, ["type", "url"]);
  if (!(webhookEventTypeValues as readonly unknown[]).includes(webhook.type)) {
    const got = quoteValue(webhook.type);
    throw new SieveInputError(
      `${field}.type`,
      `expected one of ${webhookEventTypeValues.join(", ")}, got ${got}`,
    );
  }
  if (!isHttpUrl(webhook.url)) {
    const got = typeof webhook.url === "string" ? quoteValue(webhook.url) : typeName(webhook.url);
    throw new SieveInputError(`${field}.url`, `expected an absolute http(s) URL, got ${got}`);
  }
  return webhook as unknown as Webhook;
}

function checkWebhooks(webhooks: unknown): void {
  if (!Array.isArray(webhooks))
    throw new SieveInputError("request.webhooks", `expected an array, got ${typeName(webhooks)}`);
  webhooks.forEach((webhook, index) => checkWebhook(`request.webhooks[${index}]`, webhook));
}

function checkEnv(env: unknown): void {
  if (!isPlainObject(env))
    throw new SieveInputError("request.env", `expected an object, got ${typeName(env)}`);
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== "string") return false;
  try {
    const url = new URL(value);
    return (url.protocol === "https:" || url.protocol === "http:") && url.hostname !== "";
  } catch {
    return false;
  }
}
