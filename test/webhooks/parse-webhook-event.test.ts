import { describe, expect, expectTypeOf, it } from "vitest";
import type { JobOutput, JobStatus, WebhookEvent } from "../../generated/sieve.js";
import { SieveInputError } from "../../src/core/errors/sieve-input-error.js";
import { parseWebhookEvent } from "../../src/webhooks/parse-webhook-event.js";
import { webhookEventKey } from "../../src/webhooks/webhook-event-key.js";
import { makeOutput } from "../support/job-fixtures.js";

const jobBody = { job_id: "job-1", status: "finished", error: "", outputs: [makeOutput("hola")] };

describe("parseWebhookEvent", () => {
  it.each([
    { type: "job.start", body: { ...jobBody, status: "processing", outputs: [] } },
    { type: "job.complete", body: jobBody },
    { type: "job.complete.no_output", body: { job_id: "job-1", status: "error", error: "boom" } },
    { type: "job.new_output", body: { job_id: "job-1", output: makeOutput(1) } },
    { type: "job.new_output", body: { job_id: "job-1", output: "raw text output" } },
    { type: "job_start", body: { ...jobBody, status: "processing", outputs: [] } },
    { type: "job_complete", body: jobBody },
    { type: "job.start", body: { ...jobBody, status: "started", outputs: [] } },
    { type: "job.complete", body: { job_id: "job-1", status: "finished", error: null } },
    { type: "job.complete", body: { ...jobBody, outputs: null } },
    {
      type: "job.complete",
      body: { ...jobBody, outputs: [[makeOutput("a"), makeOutput("b")], makeOutput("c")] },
    },
  ])("accepts $type ($body.status, outputs $body.outputs)", (event) => {
    expect(parseWebhookEvent(event)).toEqual(event);
    expect(parseWebhookEvent(JSON.stringify(event))).toEqual(event);
  });

  it("narrows by type", () => {
    const event = parseWebhookEvent({ type: "job.complete", body: jobBody });
    expectTypeOf(event).toEqualTypeOf<WebhookEvent>();
    if (event.type === "job.complete" || event.type === "job_complete") {
      expectTypeOf(event.body.status).toEqualTypeOf<JobStatus>();
      expectTypeOf(event.body.outputs).toEqualTypeOf<JobOutput[] | null | undefined>();
    }
    // @ts-expect-error: the discriminant knows every type Sieve sends, and only those
    if (event.type === "job.finished") throw new Error("unreachable");
  });

  it.each([
    ["not JSON", "{nope", "webhook body"],
    ["an array", [], "webhook body"],
    ["an unknown type", { type: "job.finished", body: jobBody }, "webhook body.type"],
    ["a type of another service", { type: "charge.succeeded", body: jobBody }, "webhook body.type"],
    ["no body", { type: "job.start" }, "webhook body.body"],
    [
      "no job id",
      { type: "job.start", body: { ...jobBody, job_id: "" } },
      "webhook body.body.job_id",
    ],
    [
      "a status that is not a string",
      { type: "job.complete", body: { ...jobBody, status: 3 } },
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
      "a nested output not an object",
      { type: "job.complete", body: { ...jobBody, outputs: [[makeOutput(1), 3]] } },
      "webhook body.body.outputs[0]",
    ],
    [
      "an empty status",
      { type: "job_start", body: { ...jobBody, status: "" } },
      "webhook body.body.status",
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

describe("webhookEventKey", () => {
  const key = (event: unknown) => webhookEventKey(parseWebhookEvent(event));

  it("is the same for every delivery of one event, bytes or parsed", () => {
    const event = { type: "job.complete", body: jobBody };
    const redelivered = new TextEncoder().encode(JSON.stringify(event));
    expect(key(event)).toBe("job.complete:job-1:finished");
    expect(key(redelivered)).toBe(key(event));
  });

  it("folds a legacy name into its dotted name", () => {
    expect(key({ type: "job_complete", body: jobBody })).toBe(
      key({ type: "job.complete", body: jobBody }),
    );
    expect(key({ type: "job_start", body: { ...jobBody, status: "processing" } })).toBe(
      "job.start:job-1:processing",
    );
  });

  it("tells events of one job apart: start, end, each different output", () => {
    const output = (data: unknown) => ({
      type: "job.new_output",
      body: { job_id: "job-1", output: makeOutput(data) },
    });
    const keys = [
      key({ type: "job.start", body: { ...jobBody, status: "processing" } }),
      key({ type: "job.complete", body: jobBody }),
      key({
        type: "job.complete.no_output",
        body: { job_id: "job-1", status: "error", error: "x" },
      }),
      key(output("a")),
      key(output("b")),
      key({ type: "job.complete", body: { ...jobBody, job_id: "job-2" } }),
    ];
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("does not depend on the order of an output's keys", () => {
    const a = { type: "job.new_output", body: { job_id: "j", output: { name: "x", data: 1 } } };
    const b = { type: "job.new_output", body: { job_id: "j", output: { data: 1, name: "x" } } };
    expect(key(a)).toBe(key(b));
    expect(key(a)).toMatch(/^job\.new_output:j:output-[0-9a-z]+$/);
  });
});

describe("webhookEventKey on what JSON.parse hands out (any)", () => {
  it.each([
    ["a null body", '{"type":"job.complete","body":null}'],
    ["an empty body", '{"type":"job.complete","body":{}}'],
    ["null", "null"],
  ])("%s is a SieveInputError, not a TypeError or a meaningless key", (_what, text) => {
    expect(() => webhookEventKey(JSON.parse(text))).toThrow(SieveInputError);
  });
});
