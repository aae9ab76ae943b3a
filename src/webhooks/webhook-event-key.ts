import type { WebhookEvent } from "../../generated/sieve.js";
import { parseWebhookEvent } from "./parse-webhook-event.js";

const LEGACY_NAMES: Readonly<Record<string, string>> = {
  job_start: "job.start",
  job_complete: "job.complete",
};

/**
 * A stable key for one webhook event, the same for every delivery of it: Sieve retries a
 * delivery (up to ten times) until the receiver answers 200, and sends no delivery id, so a
 * receiver that must act once stores this key (with a unique constraint) before acting.
 *
 * The key is `<type>:<job_id>:<what>`: the type with legacy names folded into the dotted ones
 * (`job_complete` -> `job.complete`), the job, and for `job.start` / `job.complete` /
 * `job.complete.no_output` the job's status, for `job.new_output` a fingerprint of the output
 * (its JSON with keys sorted). Two different outputs of a job get different keys; a function
 * that emits the very same output twice gets the same key for both, so keep counting such
 * outputs yourself if that matters. A malformed event throws `SieveInputError`, as
 * `parseWebhookEvent` does.
 *
 * @example
 * const event = parseWebhookEvent(await request.text());
 * const first = await db.insertIfAbsent("sieve_events", webhookEventKey(event));
 * if (first) await handle(event);
 * return new Response("ok"); // 200 also for a repeat, or Sieve keeps retrying
 */
export function webhookEventKey(event: WebhookEvent): string {
  // Checked again: `JSON.parse` hands out `any`, so a malformed body would type-check here.
  event = parseWebhookEvent(event);
  const type = LEGACY_NAMES[event.type] ?? event.type;
  const what =
    "output" in event.body ? `output-${fingerprint(event.body.output)}` : event.body.status;
  return `${type}:${event.body.job_id}:${what}`;
}

/** A 53-bit FNV-style hash of the value's JSON with sorted keys, in base 36. */
function fingerprint(value: unknown): string {
  const text = JSON.stringify(value, (_key, inner: unknown) =>
    inner && typeof inner === "object" && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : inner,
  );
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < (text ?? "").length; i++) {
    const code = (text ?? "").charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}
