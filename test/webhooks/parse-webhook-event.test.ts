import { describe, expect, expectTypeOf, it } from "vitest";
import type { WebhookEvent } from "../../generated/sieve.js";
import { SieveInputError } from "../../src/core/errors/sieve-input-error.js";
import { parseWebhookEvent } from "../../src/webhooks/parse-webhook-event.js";
import { makeOutput } from "../support/job-fixtures.js";

const jobBody = { job_id: "job-1", status: "finished", error: "", outputs: [makeOutput("hola")] };

describe("parseWebhookEvent", () => {
  it.each([
    { type: "job.start", body: { ...jobBody, status: "processing", outputs: [] } },
    { type: "job.complete", body: jobBody },
    { type: "job.complete.no_output", body: { job_id: "job-1", status: "error", error: "boom" } },
    { type: "job.new_output", body: { job_id: "job-1", output: makeOutput(1) } },
    { type: "job.new_output", body: { job_id: "job-1", output: "raw text output" } },
  ])("accepts $type", (event) => {
    expect(parseWebhookEvent(event)).toEqual(event);
    expect(parseWebhookEvent(JSON.stringify(event))).toEqual(event);
  });

  it("narrows by type", () => {
    const event = parseWebhookEvent({ type: "job.complete", body: jobBody });
    expectTypeOf(event).toEqualTypeOf<WebhookEvent>();
    if (event.type === "job.complete") expectTypeOf(event.body.outputs).toBeArray();
  });

  it.each([
    ["not JSON", "{nope", "webhook body"],
    ["an array", [], "webhook body"],
    ["an unknown type", { type: "job.finished", body: jobBody }, "webhook body.type"],
    ["a legacy type", { type: "job_complete", body: jobBody }, "webhook body.type"],
    ["no body", { type: "job.start" }, "webhook body.body"],
    [
      "no job id",
      { type: "job.start", body: { ...jobBody, job_id: "" } },
      "webhook body.body.job_id",
    ],
    [
      "a bad status",
      { type: "job.complete", body: { ...jobBody, status: "done" } },
      "webhook body.body.status",
    ],
    [
      "outputs not a list",
      { type: "job.complete", body: { ...jobBody, outputs: {} } },
      "webhook body.body.outputs",
    ],
    [
      "an output not an object",
      { type: "job.complete", body: { ...jobBody, outputs: [3] } },
      "webhook body.body.outputs[0]",
    ],
    [
      "an error not a string",
      { type: "job.complete.no_output", body: { job_id: "j", status: "error", error: 5 } },
      "webhook body.body.error",
    ],
    [
      "a numeric new output",
      { type: "job.new_output", body: { job_id: "j", output: 5 } },
      "webhook body.body.output",
    ],
  ])("rejects %s with SieveInputError naming the field", (_, body, field) => {
    const error = (() => {
      try {
        parseWebhookEvent(body);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SieveInputError);
    expect((error as SieveInputError).field).toBe(field);
  });

  it("accepts the raw bytes a server framework hands over (Buffer, Uint8Array)", () => {
    const event = { type: "job.start", body: { job_id: "j1", status: "processing", outputs: [] } };
    const bytes = new TextEncoder().encode(JSON.stringify(event));
    expect(parseWebhookEvent(bytes).type).toBe("job.start");
    expect(parseWebhookEvent(Buffer.from(bytes)).type).toBe("job.start");
  });
});
