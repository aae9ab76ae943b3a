import { webhookEventTypeValues } from "../../generated/sieve.js";
import type { FunctionIO, WebhookEvent } from "../../generated/sieve.js";
import { SieveInputError } from "../core/errors/sieve-input-error.js";
import { isPlainObject } from "../core/validation/json-value.js";
import { quoteValue, typeName } from "../core/validation/quote-value.js";

const FIELD = "webhook body";
const EVENT_TYPES: readonly unknown[] = webhookEventTypeValues;

/**
 * Turns what Sieve POSTs to a webhook URL (the raw JSON text, its bytes as a `Uint8Array` or
 * Node `Buffer` such as `express.raw()` gives, or the parsed value) into a
 * typed event, checking its shape: `job.start`, `job.complete` (with outputs),
 * `job.complete.no_output` and `job.new_output`, and the legacy names `job_start` and
 * `job_complete` that older functions still deliver (same bodies as their dotted names). A
 * job status is any non-empty string (Sieve may add statuses); outputs may be absent, null or
 * nested lists, as in `Job.outputs`. Anything else throws `SieveInputError`, so a receiver never
 * acts on a malformed or foreign body. Sieve retries a delivery until it gets a 200: use
 * `webhookEventKey` to handle each event once.
 *
 * Sieve does not sign webhooks: protect the receiving URL (see the README's Webhooks section).
 *
 * @example
 * const event = parseWebhookEvent(await request.text());
 * if (event.type === "job.complete") console.log(event.body.job_id, event.body.outputs);
 */
export function parseWebhookEvent(body: unknown): WebhookEvent {
  const text = body instanceof Uint8Array ? new TextDecoder().decode(body) : body;
  const value = typeof text === "string" ? parseJson(text) : text;
  if (!isPlainObject(value)) fail("", `expected a JSON object, got ${typeName(value)}`);
  const { type, body: payload } = value;
  // The type first: a foreign event is reported as such, not as a bad field of its body.
  if (!EVENT_TYPES.includes(type))
    fail(".type", `expected one of ${EVENT_TYPES.join(", ")}, got ${quoteValue(type)}`);
  if (!isPlainObject(payload)) fail(".body", `expected an object, got ${typeName(payload)}`);
  if (typeof payload.job_id !== "string" || payload.job_id === "")
    fail(".body.job_id", `expected a job id, got ${quoteValue(payload.job_id)}`);
  switch (type) {
    case "job.start":
    case "job.complete":
    case "job_start":
    case "job_complete":
      checkStatus(payload);
      checkOutputs(payload.outputs);
      return value as WebhookEvent;
    case "job.complete.no_output":
      checkStatus(payload);
      return value as WebhookEvent;
    case "job.new_output":
      if (!(typeof payload.output === "string" || isFunctionIO(payload.output))) {
        fail(
          ".body.output",
          `expected an output object or a string, got ${typeName(payload.output)}`,
        );
      }
      return value as WebhookEvent;
    default:
      return fail(".type", `expected a Sieve webhook event type, got ${quoteValue(type)}`);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fail("", "not valid JSON");
  }
}

function checkStatus(payload: Record<string, unknown>): void {
  // Statuses are an open set: any non-empty string, e.g. `started`, is a status.
  if (typeof payload.status !== "string" || payload.status === "") {
    fail(".body.status", `expected a job status string, got ${quoteValue(payload.status)}`);
  }
  if (payload.error !== null && payload.error !== undefined && typeof payload.error !== "string") {
    fail(".body.error", `expected a string or null, got ${typeName(payload.error)}`);
  }
}

function checkOutputs(outputs: unknown): void {
  if (outputs === undefined || outputs === null) return;
  if (!Array.isArray(outputs)) fail(".body.outputs", `expected an array, got ${typeName(outputs)}`);
  outputs.forEach((output, index) => {
    const group: unknown[] = Array.isArray(output) ? output : [output];
    if (!group.every(isFunctionIO))
      fail(`.body.outputs[${index}]`, `expected an output object, got ${typeName(output)}`);
  });
}

function isFunctionIO(value: unknown): value is FunctionIO {
  if (!isPlainObject(value)) return false;
  const optionalString = (key: string) =>
    value[key] === undefined || value[key] === null || typeof value[key] === "string";
  return optionalString("type") && optionalString("name") && optionalString("description");
}

function fail(path: string, reason: string): never {
  throw new SieveInputError(`${FIELD}${path}`, reason);
}
