/**
 * A push request is checked before anything is sent: each bad request rejects with a
 * `SieveInputError` naming the field, and zero requests go out.
 */
import { describe, expect, it } from "vitest";
import {
  checkWebhook,
  isPlainObject,
  checkPushRequest,
} from "../../../src/core/validation/push-request.js";
import { SieveInputError } from "../../../src/index.js";
import { pushResponse } from "../../support/fixtures.js";
import {
  expectInputError,
  fakeFetch,
  reply,
  testClient,
  untyped,
} from "../../support/fake-fetch.js";

const hook = { type: "job.complete", url: "https://example.com/hook" };

/** Pushes `request` through a client and expects a SieveInputError on `field`, nothing sent. */
async function expectPushRejected(request: unknown, field: string) {
  const { fetch, requests } = fakeFetch(reply(200, pushResponse));
  return expectInputError(() => testClient(fetch).jobs.push(untyped(request)), field, requests);
}

describe("jobs.push rejects before sending", () => {
  it.each([
    ["no slash", "dubbing", "request.function"],
    ["two slashes", "sieve/dubbing/extra", "request.function"],
    ["an empty version", "sieve/dubbing:", "request.function"],
    ["two versions", "sieve/dubbing:1:2", "request.function"],
    ["an empty owner", "/dubbing", "request.function owner"],
    ["an empty name", "sieve/", "request.function name"],
    ["a .. owner", "../dubbing", "request.function owner"],
    ["a . name", "sieve/.", "request.function name"],
    ["a number", 42, "request.function"],
  ])("a function ref with %s", async (_what, ref, field) => {
    await expectPushRejected({ function: ref, inputs: {} }, field);
  });

  it("both function and id", async () => {
    const error = await expectPushRejected({ function: "a/b", id: "x", inputs: {} }, "request");
    expect(error.message).toContain("not both");
  });

  it.each([
    ["neither function nor id", { inputs: {} }],
    ["null function and id", { function: null, id: null, inputs: {} }],
  ])("%s", async (_what, request) => {
    await expectPushRejected(request, "request");
  });

  it.each([
    ["an empty id", ""],
    ["a .. id", ".."],
    ["an id with /", "a/b"],
  ])("%s", async (_what, id) => {
    await expectPushRejected({ id, inputs: {} }, "request.id");
  });

  it.each([
    ["missing", undefined, "nothing"],
    ["null", null, "null"],
    ["a string", "spanish", "string"],
    ["a Date", new Date(0), "object"],
  ])("inputs %s", async (_what, inputs, got) => {
    const error = await expectPushRejected({ function: "a/b", inputs }, "request.inputs");
    expect(error.message).toContain(`got ${got}`);
  });

  it.each([
    ["not an array", { ...hook }, "request.webhooks"],
    ["a type outside the enum", [{ ...hook, type: "job.done" }], "request.webhooks[0].type"],
    ["a missing type", [{ url: hook.url }], "request.webhooks[0].type"],
    ["a relative url", [hook, { ...hook, url: "/hook" }], "request.webhooks[1].url"],
    ["an ftp: url", [{ ...hook, url: "ftp://example.com/hook" }], "request.webhooks[0].url"],
    ["a url that is not a string", [{ ...hook, url: 42 }], "request.webhooks[0].url"],
    ["an unknown key", [{ ...hook, secret: "x" }], "request.webhooks[0].secret"],
    ["an entry that is not an object", ["https://example.com"], "request.webhooks[0]"],
  ])("webhooks with %s", async (_what, webhooks, field) => {
    await expectPushRejected({ function: "a/b", inputs: {}, webhooks }, field);
  });

  it.each([
    ["not an object", ["TOKEN=x"], "request.env"],
    ["a string", "TOKEN=x", "request.env"],
    ["a value JSON cannot carry", { TOKEN: Number.NaN }, "request.env.TOKEN"],
  ])("env with %s", async (_what, env, field) => {
    await expectPushRejected({ function: "a/b", inputs: {}, env }, field);
  });

  it("a field beyond the known ones whose value JSON cannot carry", async () => {
    await expectPushRejected({ function: "a/b", inputs: {}, extra: 1n }, "request.extra");
  });

  it.each([
    ["null", null],
    ["an array", []],
    ["a string", "sieve/dubbing"],
  ])("a request that is %s", async (_what, request) => {
    await expectPushRejected(request, "request");
  });

  it("unknown keys in the per-call options", async () => {
    const { fetch, requests } = fakeFetch(reply(200, pushResponse));
    const push = () =>
      testClient(fetch).jobs.push({ function: "a/b", inputs: {} }, untyped({ retries: 1 }));
    await expectInputError(push, "options.retries", requests);
  });

  it("keeps an env value out of the message", async () => {
    const error = await expectPushRejected(
      {
        function: "a/b",
        inputs: {},
        env: { OK: "fine-value", BAD: ["hunter2-secret", undefined] },
      },
      "request.env.BAD[1]",
    );
    expect(error.message).not.toContain("hunter2-secret");
  });
});

describe("jobs.push sends what the API accepts", () => {
  /** Pushes `request` through a client and returns the JSON body that was sent. */
  async function sentBody(request: unknown): Promise<unknown> {
    const { fetch, requests } = fakeFetch(reply(200, pushResponse));
    await testClient(fetch).jobs.push(untyped(request));
    expect(requests).toHaveLength(1);
    return JSON.parse(await (requests[0] as Request).text());
  }

  it("a field beyond the known ones, as given (Sieve passes it through)", async () => {
    const request = { function: "a/b", inputs: {}, priority: 2, webhook: [hook] };
    expect(await sentBody(request)).toEqual(request);
  });

  it("inputs as a list, for a function that takes them in order", async () => {
    const request = { function: "a/b", inputs: ["spanish", 2] };
    expect(await sentBody(request)).toEqual(request);
  });

  it("env values of any JSON type", async () => {
    const env = { TOKEN: "t", RETRIES: 3, DEBUG: true, NONE: null, CONFIG: { depth: [1] } };
    expect(await sentBody({ id: "x", inputs: {}, env })).toEqual({ id: "x", inputs: {}, env });
  });
});

describe("checkPushRequest alone", () => {
  it("returns a valid request as is, with a version, http webhooks, env and nulls", () => {
    const request = {
      function: "sieve/dubbing:7",
      inputs: { n: 1 },
      webhooks: [hook, { type: "job.new_output", url: "http://10.0.0.1:8080/h" }],
      env: { TOKEN: "t" },
    };
    // A fresh copy of plain data: what JSON.stringify of it sends is what was checked.
    expect(checkPushRequest(request)).toEqual(request);
    expect(checkPushRequest(request)).not.toBe(request);
    expect(checkPushRequest({ id: "x", function: null, inputs: {}, webhooks: null })).toEqual({
      id: "x",
      function: null,
      inputs: {},
      webhooks: null,
    });
  });

  it("checkWebhook accepts each event type of the spec", () => {
    for (const type of ["job.start", "job.complete", "job.complete.no_output", "job.new_output"]) {
      expect(checkWebhook("w", { type, url: "https://h.test/" })).toEqual({
        type,
        url: "https://h.test/",
      });
    }
    expect(() => checkWebhook("w", { type: "job.start", url: "https://" })).toThrow(
      SieveInputError,
    );
  });

  it("isPlainObject is true only for {...} objects", () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
    for (const value of [[], null, new Date(), new Map(), "x", 1]) {
      expect(isPlainObject(value)).toBe(false);
    }
  });
});
