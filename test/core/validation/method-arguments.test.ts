/**
 * Every other method checks its arguments before sending: a bad job id, function ref, limit,
 * offset, status, unknown key or per-call option rejects with a `SieveInputError` naming the
 * field, and zero requests go out. `sieve.raw` guards its path parameters too.
 */
import { describe, expect, it } from "vitest";
import type { SieveClient } from "../../../src/index.js";
import { jobPage } from "../../support/fixtures.js";
import {
  expectInputError,
  fakeFetch,
  reply,
  testClient,
  untyped,
} from "../../support/fake-fetch.js";

type Call = (sieve: SieveClient) => Promise<unknown>;

async function expectRejected(call: Call, field: string) {
  const { fetch, requests } = fakeFetch(reply(200, jobPage));
  await expectInputError(() => call(testClient(fetch)), field, requests);
}

const badIds = [[""], ["."], [".."], ["a/b"], ["../jobs"], [untyped(42)], [untyped(undefined)]];
const badCounts: unknown[][] = [[-1], [1.5], [Number.NaN], [Infinity], ["10"], [null]];
const badRefs = [
  ["sieve", "ref"],
  ["sieve/dubbing:2", "ref"],
  ["a/b/c", "ref"],
  ["/dubbing", "ref owner"],
  ["./dubbing", "ref owner"],
  ["sieve/..", "ref name"],
  ["sieve/", "ref name"],
  [untyped(null), "ref"],
] as const;

describe("a job id that is not one path segment", () => {
  it.each(badIds)("jobs.get(%j)", async (id) => {
    await expectRejected((s) => s.jobs.get(id), "jobId");
  });

  it.each(badIds)("jobs.cancel(%j)", async (id) => {
    await expectRejected((s) => s.jobs.cancel(id), "jobId");
  });
});

describe("a function ref that is not owner/name", () => {
  it.each(badRefs)("functions.get(%j)", async (ref, field) => {
    await expectRejected((s) => s.functions.get(ref), field);
  });

  it.each(badRefs)("functions.versions(%j)", async (ref, field) => {
    await expectRejected((s) => s.functions.versions(ref), field);
  });

  it.each(badRefs)("functions.jobs(%j)", async (ref, field) => {
    await expectRejected((s) => s.functions.jobs(ref), field);
  });
});

describe("a limit or offset that is not a non-negative integer", () => {
  it.each(badCounts)("jobs.list limit %j", async (limit) => {
    await expectRejected((s) => s.jobs.list({ limit: untyped(limit) }), "params.limit");
  });

  it.each(badCounts)("jobs.list offset %j", async (offset) => {
    await expectRejected((s) => s.jobs.list({ offset: untyped(offset) }), "params.offset");
  });

  it.each(badCounts)("jobs.get offset %j", async (offset) => {
    await expectRejected((s) => s.jobs.get("j", { offset: untyped(offset) }), "params.offset");
  });

  it.each(badCounts)("functions.versions limit %j", async (limit) => {
    const call: Call = (s) => s.functions.versions("a/b", { limit: untyped(limit) });
    await expectRejected(call, "params.limit");
  });

  it.each(badCounts)("functions.jobs offset %j", async (offset) => {
    const call: Call = (s) => s.functions.jobs("a/b", { offset: untyped(offset) });
    await expectRejected(call, "params.offset");
  });
});

describe("a status that is not a status word", () => {
  it.each([[""], [" queued"], ["queued\n"], ["a b"], ["x".repeat(65)], [1], [null]])(
    "jobs.list status %j",
    async (status) => {
      await expectRejected((s) => s.jobs.list({ status: untyped(status) }), "params.status");
    },
  );

  it("functions.jobs status", async () => {
    await expectRejected(
      (s) => s.functions.jobs("a/b", untyped({ status: "is done" })),
      "params.status",
    );
  });
});

describe("a status outside the known five", () => {
  it.each([["started"], ["FINISHED"], ["done"]])("is sent as given: %j", async (status) => {
    const { fetch, requests } = fakeFetch(reply(200, jobPage));
    await testClient(fetch).jobs.list({ status });
    await testClient(fetch).functions.jobs("a/b", { status });
    expect(requests.map((r) => new URL(r.url).searchParams.get("status"))).toEqual([
      status,
      status,
    ]);
  });
});

describe("unknown keys and odd params", () => {
  it.each([
    ["jobs.list", (s: SieveClient) => s.jobs.list(untyped({ page: 2 })), "params.page"],
    ["jobs.get", (s: SieveClient) => s.jobs.get("j", untyped({ limit: 1 })), "params.limit"],
    [
      "functions.versions",
      (s: SieveClient) => s.functions.versions("a/b", untyped({ status: "error" })),
      "params.status",
    ],
    ["jobs.list params array", (s: SieveClient) => s.jobs.list(untyped([])), "params"],
    ["jobs.get params string", (s: SieveClient) => s.jobs.get("j", untyped("1")), "params"],
  ])("%s", async (_name, call, field) => {
    await expectRejected(call, field);
  });
});

describe("per-call options", () => {
  it.each([
    [{ retries: 1 }, "options.retries"],
    [{ timeoutMs: 0 }, "options.timeoutMs"],
    [{ timeoutMs: -5 }, "options.timeoutMs"],
    [{ timeoutMs: 2 ** 31 }, "options.timeoutMs"],
    [{ timeoutMs: "100" }, "options.timeoutMs"],
    [{ maxRetries: -1 }, "options.maxRetries"],
    [{ maxRetries: 1.5 }, "options.maxRetries"],
    [{ signal: "abort" }, "options.signal"],
    [{ signal: {} }, "options.signal"],
    ["fast", "options"],
  ])("%j", async (options, field) => {
    await expectRejected((s) => s.jobs.list({}, untyped(options)), field);
    await expectRejected((s) => s.jobs.cancel("j", untyped(options)), field);
    await expectRejected((s) => s.functions.get("a/b", untyped(options)), field);
  });
});

describe("sieve.raw", () => {
  it.each([[".."], ["."], [""], ["a/b"]])("GET /jobs/{job_id} with job_id %j", async (job_id) => {
    const call: Call = (s) => s.raw.GET("/jobs/{job_id}", { params: { path: { job_id } } });
    await expectRejected(call, "path parameter job_id");
  });

  it("DELETE /jobs/{job_id} without the parameter", async () => {
    const call: Call = (s) => s.raw.DELETE("/jobs/{job_id}", untyped({ params: { path: {} } }));
    await expectRejected(call, "path parameter job_id");
  });

  it("GET /functions/{owner_name}/{function_name} with a .. function_name", async () => {
    const path = { owner_name: "sieve", function_name: ".." };
    const call: Call = (s) =>
      s.raw.GET("/functions/{owner_name}/{function_name}", { params: { path } });
    await expectRejected(call, "path parameter function_name");
  });
});
