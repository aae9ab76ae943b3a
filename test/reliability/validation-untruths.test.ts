/**
 * The smaller untruths of validation: ids and refs that are mistakes are refused before anything
 * is sent; a huge bad value gives a short message; a 422 of an unusual shape never reads
 * "undefined"; a foreign webhook is reported by its type.
 */
import { describe, expect, it } from "vitest";
import { SieveInputError, SieveValidationError } from "../../src/index.js";
import { parseFunctionRef } from "../../src/core/validation/function-ref.js";
import { parseWebhookEvent } from "../../src/webhooks/parse-webhook-event.js";
import { functionVersion, job, pushResponse, sieveFunction } from "../support/fixtures.js";
import { expectInputError, fakeFetch, reply, testClient, untyped } from "../support/fake-fetch.js";

describe("job ids that are mistakes are refused, nothing sent", () => {
  it.each([
    ["a space", " "],
    ["only whitespace", " \t\n"],
    ["a leading space", " 43d7add5"],
    ["a trailing newline", "43d7add5\n"],
    ["a NUL", "43d7\u0000add5"],
    ["a DEL", "43d7\u007fadd5"],
    ["a line separator", "43d7\u2028add5"],
  ])("%s", async (_what, id) => {
    const { fetch, requests } = fakeFetch(reply(200, job));
    const sieve = testClient(fetch);
    await expectInputError(() => sieve.jobs.get(id), "jobId", requests);
    await expectInputError(() => sieve.jobs.cancel(id), "jobId", requests);
    await expectInputError(() => sieve.jobs.wait(id), "jobId", requests);
    await expectInputError(() => sieve.jobs.push({ id, inputs: {} }), "request.id", requests);
  });

  it("shows the bad value escaped, so the whitespace is visible", async () => {
    const { fetch, requests } = fakeFetch(reply(200, job));
    const error = await expectInputError(
      () => testClient(fetch).jobs.get("abc\n"),
      "jobId",
      requests,
    );
    expect(error.message).toContain('"abc\\n"');
  });
});

describe("function refs that are mistakes are refused, nothing sent", () => {
  it.each([
    ["demo/echo ", "ref name"],
    [" demo/echo", "ref owner"],
    ["a:b/c", "ref owner"],
    ["demo/ec ho", "ref name"],
    ["demo/echo\t", "ref name"],
    ["demo/@echo", "ref name"],
    ["demo/%2e%2e", "ref name"],
    ["-demo/echo", "ref owner"],
  ])("%j (field %s)", async (ref, field) => {
    const { fetch, requests } = fakeFetch(reply(200, sieveFunction));
    const sieve = testClient(fetch);
    await expectInputError(() => sieve.functions.get(ref), field, requests);
    await expectInputError(() => sieve.functions.jobs(ref), field, requests);
    await expectInputError(() => sieve.functions.versions(ref), field, requests);
  });

  it.each([
    ["demo/echo ", "request.function name"],
    ["a:b/c", "request.function owner"],
    ["demo/echo: 1", "request.function version"],
    ["demo/echo:1 ", "request.function version"],
  ])("pushing %j (field %s)", async (ref, field) => {
    const { fetch, requests } = fakeFetch(reply(200, pushResponse));
    await expectInputError(
      () => testClient(fetch).jobs.push({ function: ref, inputs: {} }),
      field,
      requests,
    );
  });

  it.each([
    "sieve/text-to-speech",
    "sieve-internal/whisperx",
    "sieve/dubbing",
    "my_org/My.Function_2",
    "demo/echo:0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0",
    "sieve/dubbing:2.1",
  ])("accepts the real ref %j", async (ref) => {
    expect(() => parseFunctionRef("ref", ref, { allowVersion: true })).not.toThrow();
    const { fetch, requests } = fakeFetch(reply(200, pushResponse));
    await testClient(fetch).jobs.push({ function: ref, inputs: {} });
    expect(requests).toHaveLength(1);
  });
});

describe("a huge bad value yields a short message", () => {
  const huge = "x".repeat(100_000);

  it.each([
    ["a 100 KB id", () => ({ call: "get", arg: huge, field: "jobId" })],
    ["a 100 KB id with a slash", () => ({ call: "get", arg: `${huge}/`, field: "jobId" })],
    [
      "a 100 KB id with a trailing space",
      () => ({ call: "get", arg: `a${huge} `, field: "jobId" }),
    ],
    ["a 100 KB ref", () => ({ call: "ref", arg: `demo/${huge} `, field: "ref name" })],
    ["a 100 KB ref without a slash", () => ({ call: "ref", arg: huge, field: "ref" })],
  ])("%s", async (_what, make) => {
    const { call, arg, field } = make();
    const { fetch, requests } = fakeFetch(reply(200, job));
    const sieve = testClient(fetch);
    const error = await expectInputError(
      () => (call === "get" ? sieve.jobs.get(arg) : sieve.functions.get(arg)),
      field,
      requests,
    );
    expect(error.message.length).toBeLessThan(200);
    expect(error.message).toContain("…");
  });

  it("a 100 KB status filter, webhook type and webhook URL", async () => {
    const { fetch, requests } = fakeFetch(reply(200, job));
    const sieve = testClient(fetch);
    const status = await expectInputError(
      () => sieve.jobs.list({ status: untyped(huge) }),
      "params.status",
      requests,
    );
    expect(status.message.length).toBeLessThan(300);
    const push = (webhook: unknown) =>
      sieve.jobs.push({ function: "demo/echo", inputs: {}, webhooks: [untyped(webhook)] });
    const type = await expectInputError(
      () => push({ type: huge, url: "https://h.test/" }),
      "request.webhooks[0].type",
      requests,
    );
    expect(type.message.length).toBeLessThan(300);
    const url = await expectInputError(
      () => push({ type: "job.complete", url: `ftp://${huge}` }),
      "request.webhooks[0].url",
      requests,
    );
    expect(url.message.length).toBeLessThan(300);
  });

  it("a 100 KB unknown key", async () => {
    const { fetch, requests } = fakeFetch(reply(200, job));
    const error = await testClient(fetch)
      .jobs.list(untyped({ [huge]: 1 }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SieveInputError);
    expect((error as Error).message.length).toBeLessThan(300);
    expect(requests).toHaveLength(0);
  });
});

describe("a 422 whose detail is not the usual list never says undefined", () => {
  it.each([
    ["an object", { detail: { code: "bad_input", field: "inputs" } }, '{"code":"bad_input"'],
    ["a number", { detail: 42 }, "42"],
    ["a list of strings", { detail: ["inputs is wrong", "env is wrong"] }, "inputs is wrong"],
    ["list items without msg", { detail: [{ loc: ["body"], type: "x" }] }, '{"loc":["body"]'],
    ["list items with an object msg", { detail: [{ msg: { a: 1 } }] }, '{"msg":{"a":1}}'],
    ["list items that are null", { detail: [null] }, "null"],
  ])("%s", async (_what, body, shown) => {
    const { fetch } = fakeFetch(reply(422, body));
    const error = await testClient(fetch)
      .jobs.get("job-1")
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SieveValidationError);
    const { message, detail } = error as SieveValidationError;
    expect(detail).toContain(shown);
    expect(message).not.toContain("undefined");
  });

  it("a huge detail object is shortened", async () => {
    const big = { detail: { list: Array.from({ length: 10_000 }, (_, i) => `item ${i}`) } };
    const { fetch } = fakeFetch(reply(422, big));
    const error = (await testClient(fetch)
      .jobs.get("job-1")
      .catch((e: unknown) => e)) as SieveValidationError;
    expect(error.detail.length).toBeLessThanOrEqual(301);
    expect(error.detail.endsWith("…")).toBe(true);
  });
});

describe("a foreign webhook is reported by its type", () => {
  it.each([
    ["an unknown type with another body", { type: "job.finished", body: { id: "x" } }],
    ["an unknown type without body", { type: "payment.succeeded" }],
    ["no type at all", { body: { id: "x" } }],
  ])("%s", (_what, event) => {
    expect(() => parseWebhookEvent(event)).toThrow(
      expect.objectContaining({ name: "SieveInputError", field: "webhook body.type" }),
    );
  });

  it("quotes a huge type shortened", () => {
    const error = (() => {
      try {
        return parseWebhookEvent({ type: "t".repeat(100_000), body: {} });
      } catch (e) {
        return e as Error;
      }
    })() as Error;
    expect(error.message.length).toBeLessThan(300);
  });
});

describe("versions of a function still list", () => {
  it("a valid ref reaches the versions path", async () => {
    const { fetch, requests } = fakeFetch(reply(200, [functionVersion]));
    await testClient(fetch).functions.versions("sieve-internal/whisperx");
    expect(new URL(requests[0]!.url).pathname).toBe(
      "/v2/functions/sieve-internal/whisperx/versions",
    );
  });
});
