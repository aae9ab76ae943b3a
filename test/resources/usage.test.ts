/**
 * `sieve.usage` over an injected fetch: the request each method sends (windows encoded so that
 * Sieve reads them as meant), what each resolves to, and the arguments refused before anything
 * is sent.
 */
import { describe, expect, it } from "vitest";
import type { ConcurrencyChunk, DetailedUsage, SieveClient } from "../../src/index.js";
import {
  BASE_URL,
  expectInputError,
  fakeFetch,
  reply,
  testClient,
  untyped,
} from "../support/fake-fetch.js";
import { expectNoBody, expectOneRequest } from "../support/request-checks.js";

const usage: DetailedUsage = {
  total_compute_seconds: 5400,
  total_cost_dollars: 3.75,
  l4: { compute_seconds: 5400, cost_dollars: 3.75 },
  a100: null,
};
const chunk: ConcurrencyChunk = {
  chunk_start: "2026-03-01T00:00:00",
  chunk_end: "2026-03-01T00:30:00",
  num_jobs: 12,
  median_processing_time_seconds: 41.5,
  average_concurrency: 0.28,
};
const START = new Date("2026-03-01T00:00:00.250Z");
const END = new Date("2026-03-08T00:00:00Z");

describe("the usage windows", () => {
  const reads: Array<[string, (s: SieveClient, window?: object) => Promise<unknown>, string]> = [
    ["total", (s, w) => s.usage.total(untyped(w)), "/usage"],
    ["functions", (s, w) => s.usage.functions(untyped(w)), "/usage/function"],
    [
      "function",
      (s, w) => s.usage.function("sieve/dubbing", untyped(w)),
      "/usage/function/sieve/dubbing",
    ],
    [
      "version",
      (s, w) => s.usage.version("sieve/dubbing", "latest", untyped(w)),
      "/usage/function/sieve/dubbing/versions/latest",
    ],
  ];

  it.each(reads)(
    "%s GETs its path with no query when given no window",
    async (_name, read, path) => {
      const { fetch, requests } = fakeFetch(reply(200, usage));
      expect(await read(testClient(fetch))).toEqual(usage);
      expectNoBody(expectOneRequest(requests, "GET", `${BASE_URL}${path}`));
    },
  );

  it.each(reads)("%s sends start and end as POSIX seconds", async (_name, read, path) => {
    const { fetch, requests } = fakeFetch(reply(200, usage));
    await read(testClient(fetch), { start: START, end: END });
    // `END` is on a whole second: sent as nanoseconds, which Sieve cannot read as seconds.
    const query = "start_timestamp=1772323200.25&end_timestamp=1772928000000000000";
    expectOneRequest(requests, "GET", `${BASE_URL}${path}?${query}`);
  });

  it.each(reads)("%s refuses a window whose end is before its start", async (_name, read) => {
    const { fetch, requests } = fakeFetch(reply(200, usage));
    const call = () => read(testClient(fetch), { start: END, end: START });
    await expectInputError(call, "window.end", requests);
  });

  it.each([
    ["an unknown key", { from: START }, "window.from"],
    ["milliseconds", { start: START.getTime() }, "window.start"],
    ["a string time", { end: "2026-03-08" }, "window.end"],
    ["a window that is no object", 1772323200, "window"],
  ])("refuses %s, sending nothing", async (_what, window, field) => {
    const { fetch, requests } = fakeFetch(reply(200, usage));
    await expectInputError(() => testClient(fetch).usage.total(untyped(window)), field, requests);
  });

  it("functions resolves to the usage keyed by owner/name", async () => {
    const { fetch } = fakeFetch(reply(200, { "sieve/dubbing": usage }));
    const byFunction = await testClient(fetch).usage.functions();
    expect(byFunction["sieve/dubbing"]?.total_cost_dollars).toBe(3.75);
  });

  it("function and version refuse a bad ref or slug, sending nothing", async () => {
    const { fetch, requests } = fakeFetch(reply(200, usage));
    const sieve = testClient(fetch);
    await expectInputError(() => sieve.usage.function("dubbing"), "ref", requests);
    await expectInputError(() => sieve.usage.version("sieve/dubbing", ".."), "slug", requests);
  });
});

describe("sieve.usage.credits", () => {
  it("GETs /usage/credits and resolves to the answer as sent, whatever its shape", async () => {
    for (const credits of [{ remaining: 12.5 }, 12.5, null]) {
      const { fetch, requests } = fakeFetch(reply(200, credits));
      expect(await testClient(fetch).usage.credits()).toEqual(credits);
      expectNoBody(expectOneRequest(requests, "GET", `${BASE_URL}/usage/credits`));
    }
  });

  it("refuses an unknown per-call option, sending nothing", async () => {
    const { fetch, requests } = fakeFetch(reply(200, {}));
    const call = () => testClient(fetch).usage.credits(untyped({ retries: 1 }));
    await expectInputError(call, "options.retries", requests);
  });
});

describe("sieve.usage.concurrency", () => {
  it("GETs /usage/concurrency with no query when given no params", async () => {
    const { fetch, requests } = fakeFetch(reply(200, [chunk]));
    expect(await testClient(fetch).usage.concurrency()).toEqual([chunk]);
    expectNoBody(expectOneRequest(requests, "GET", `${BASE_URL}/usage/concurrency`));
  });

  it("sends each param; a Date as YYYY-MM-DDTHH:MM in UTC, cut to its minute", async () => {
    const { fetch, requests } = fakeFetch(reply(200, [chunk]));
    await testClient(fetch).usage.concurrency({
      function: "sieve/dubbing",
      start: new Date("2026-03-01T10:15:59.999Z"),
      end: "2026-03-02T00:00",
      chunkSize: 60,
      status: "finished",
    });
    const query = new URL((requests[0] as Request).url).searchParams;
    expect(Object.fromEntries(query)).toEqual({
      function: "sieve/dubbing",
      start: "2026-03-01T10:15",
      end: "2026-03-02T00:00",
      chunk_size: "60",
      status: "finished",
    });
  });

  it('sends status "" (any end) as given', async () => {
    const { fetch, requests } = fakeFetch(reply(200, []));
    await testClient(fetch).usage.concurrency({ status: "" });
    expect((requests[0] as Request).url).toBe(`${BASE_URL}/usage/concurrency?status=`);
  });

  it.each([
    ["a chunk under 30 minutes", { chunkSize: 15 }, "params.chunkSize"],
    ["a fractional chunk", { chunkSize: 30.5 }, "params.chunkSize"],
    ["a status outside the enum", { status: "processing" }, "params.status"],
    ["a function that is no owner/name", { function: "dubbing" }, "params.function"],
    ["a start of another format", { start: "2026-03-01 10:00" }, "params.start"],
    ["a start with seconds", { start: "2026-03-01T10:00:00" }, "params.start"],
    ["a day that does not exist", { end: "2026-02-30T10:00" }, "params.end"],
    ["an hour past 23", { end: "2026-03-01T24:00" }, "params.end"],
    ["an invalid Date", { start: new Date("nope") }, "params.start"],
    [
      "an end before the start",
      { start: "2026-03-02T00:00", end: "2026-03-01T23:59" },
      "params.end",
    ],
    ["an unknown key", { chunk_size: 60 }, "params.chunk_size"],
  ])("refuses %s, sending nothing", async (_what, params, field) => {
    const { fetch, requests } = fakeFetch(reply(200, []));
    const call = () => testClient(fetch).usage.concurrency(untyped(params));
    await expectInputError(call, field, requests);
  });
});
