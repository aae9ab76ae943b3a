/**
 * Defects a user pass found outside the transport: options that were accepted and silently
 * ignored (a `Headers` or `Map` as `headers`, a logger that is no logger, a `fetch` that is no
 * function), a job whose `outputs` is not a list, and a job error that is an object.
 */
import { describe, expect, it } from "vitest";
import {
  createSieveClient,
  SieveApiError,
  SieveConfigError,
  SieveJobFailedError,
  type SieveClientOptions,
} from "../../../src/index.js";
import { JOB_ID } from "../../support/fixtures.js";
import { fakeFetch, reply, testClient } from "../../support/fake-fetch.js";
import { makeJob } from "../../support/job-fixtures.js";

function creating(options: unknown): () => unknown {
  return () =>
    createSieveClient({
      apiKey: "k",
      fetch: fakeFetch(reply(200, {})).fetch,
      ...(options as SieveClientOptions),
    });
}

describe("createSieveClient refuses options it would ignore", () => {
  it.each([
    ["a Headers", new Headers({ "x-team": "a" }), "Object.fromEntries(headers)"],
    ["an empty Headers", new Headers(), "Object.fromEntries(headers)"],
    ["a Map", new Map([["x-team", "a"]]), "Object.fromEntries(map)"],
    ["a class instance", new (class Extra {})(), "an Extra would be ignored"],
  ])("headers as %s", (_what, headers, fix) => {
    expect(creating({ headers })).toThrow(SieveConfigError);
    expect(creating({ headers })).toThrow(fix);
    expect(creating({ headers })).toThrow("headers must be an object");
    expect(creating({ headers })).toThrow("a plain one");
  });

  it("accepts headers as a plain or null-prototype object", () => {
    const bare = Object.assign(Object.create(null) as object, { "x-team": "a" });
    expect(creating({ headers: { "x-team": "a" } })).not.toThrow();
    expect(creating({ headers: bare })).not.toThrow();
  });

  it.each([
    ["a string", "loud", "logger must be an object"],
    ["null", null, "logger must be an object"],
    ["a function", () => undefined, "logger must be an object"],
    ["an object with a string warn", { warn: "yes" }, "logger.warn must be a function"],
    ["an object with a numeric debug", { debug: 1 }, "logger.debug must be a function"],
  ])("logger as %s", (_what, logger, message) => {
    expect(creating({ logger })).toThrow(SieveConfigError);
    expect(creating({ logger })).toThrow(message);
  });

  it("accepts console, a partial logger and an empty one", () => {
    expect(creating({ logger: console })).not.toThrow();
    expect(creating({ logger: { warn: () => undefined } })).not.toThrow();
    expect(creating({ logger: {} })).not.toThrow();
  });

  it.each([5, "fetch", null, {}])("fetch: %s says fetch must be a function", (fetch) => {
    expect(creating({ fetch })).toThrow(SieveConfigError);
    expect(creating({ fetch })).toThrow("fetch must be a function");
    expect(creating({ fetch })).not.toThrow("no global fetch");
  });
});

describe("a job's outputs", () => {
  it.each([
    ["a string", "nope", "a string"],
    ["an object", { data: 1 }, "got an object"],
    ["a number", 3, "a number"],
  ])("as %s is a SieveApiError that says so", async (_what, outputs, got) => {
    const sieve = testClient(fakeFetch(reply(200, { ...makeJob("finished"), outputs })).fetch);

    const error = await sieve.jobs.get(JOB_ID).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(SieveApiError);
    expect(String(error)).toContain('"outputs" is an array or null');
    expect(String(error)).toContain(got);
  });

  it.each([
    ["an array", [], "finished"],
    ["null", null, "finished"],
    ["absent", undefined, "finished"],
    ["an array, with a status the client does not know", [], "paused-for-maintenance"],
  ])("as %s passes", async (_what, outputs, status) => {
    const body = { ...makeJob("finished"), outputs, status };
    const sieve = testClient(fakeFetch(reply(200, body)).fetch);

    await expect(sieve.jobs.get(JOB_ID)).resolves.toMatchObject({ id: "job-1", status });
  });
});

describe("SieveJobFailedError", () => {
  const failed = (error: unknown) =>
    new SieveJobFailedError(makeJob("error", [], { error: error as string }));

  it("renders an object error as JSON, not [object Object]", () => {
    const error = failed({ code: "OOM", detail: "CUDA out of memory" });

    expect(error.message).toBe('Job job-1 failed: {"code":"OOM","detail":"CUDA out of memory"}');
    expect(error.jobError).toBe('{"code":"OOM","detail":"CUDA out of memory"}');
  });

  it("cuts a long non-string error at 300 characters", () => {
    const error = failed({ trace: "x".repeat(5_000) });

    expect(error.jobError.length).toBeLessThanOrEqual(300);
    expect(error.jobError.startsWith('{"trace":"xxx')).toBe(true);
  });

  it("keeps a string error whole and says when there is none", () => {
    expect(failed("CUDA out of memory").jobError).toBe("CUDA out of memory");
    expect(failed("").jobError).toBe("no error text given");
    expect(failed(null).jobError).toBe("no error text given");
    expect(failed(42).jobError).toBe("42");
  });
});
