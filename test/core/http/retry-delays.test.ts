/**
 * How long the client waits before a retry: `retry-after-ms`, then `Retry-After` in seconds or
 * as an HTTP date, else exponential backoff (0.5 s × 2^n, capped at 8 s, less up to 25 % of
 * jitter). A server asking for more than `maxRetryDelayMs` gets no sleep: the call fails at once.
 */
import { describe, expect, it, vi } from "vitest";
import { SieveApiError, SieveRateLimitError } from "../../../src/index.js";
import { JOB_ID, job } from "../../support/fixtures.js";
import {
  fakeFetch,
  rejectionOf,
  reply,
  testClient,
  type Responder,
} from "../../support/fake-fetch.js";
import { expectRetriesAfter, useFakeClock } from "../../support/timers.js";

useFakeClock(0);

/** The delays between the requests of a `jobs.get` answered by `first` until a 200. */
async function expectDelays(first: Responder, delaysMs: number[], maxRetries = 2) {
  const { fetch, requests } = fakeFetch(...delaysMs.map(() => first), reply(200, job));
  const got = testClient(fetch, { maxRetries }).jobs.get(JOB_ID);
  await expectRetriesAfter(requests, delaysMs);
  expect(await got).toEqual(job);
}

describe("a delay the server asks for", () => {
  it("retry-after-ms wins over Retry-After", async () => {
    const headers = { "retry-after-ms": "1234", "retry-after": "9" };
    await expectDelays(reply(429, { detail: "slow" }, headers), [1234, 1234]);
  });

  it("Retry-After in seconds", async () => {
    await expectDelays(reply(503, { detail: "busy" }, { "retry-after": "3" }), [3000, 3000]);
  });

  it("Retry-After as an HTTP date, counted from now", async () => {
    vi.setSystemTime(new Date("2025-01-01T00:00:00.250Z"));
    const headers = { "retry-after": "Wed, 01 Jan 2025 00:00:03 GMT" };
    await expectDelays(reply(429, { detail: "slow" }, headers), [2750]);
  });

  it("Retry-After as an HTTP date in the past means no wait", async () => {
    vi.setSystemTime(new Date("2025-01-01T00:00:00.000Z"));
    const onRetry = vi.fn();
    const headers = { "retry-after": "Tue, 31 Dec 2024 23:59:00 GMT" };
    const { fetch, requests } = fakeFetch(reply(503, {}, headers), reply(200, job));
    const got = testClient(fetch, { onRetry }).jobs.get(JOB_ID);

    await vi.advanceTimersByTimeAsync(1);

    expect(requests).toHaveLength(2);
    expect(onRetry).toHaveBeenCalledWith(expect.objectContaining({ delayMs: 0, status: 503 }));
    expect(await got).toEqual(job);
  });

  it("Retry-After equal to maxRetryDelayMs is still waited for", async () => {
    const { fetch, requests } = fakeFetch(reply(429, {}, { "retry-after": "10" }), reply(200, job));
    const got = testClient(fetch, { maxRetryDelayMs: 10_000 }).jobs.get(JOB_ID);
    await expectRetriesAfter(requests, [10_000]);
    expect(await got).toEqual(job);
  });

  it.each([
    ["Retry-After", { "retry-after": "11" }, 11_000],
    ["retry-after-ms", { "retry-after-ms": "10001" }, 10_001],
  ])("%s above maxRetryDelayMs fails at once with SieveRateLimitError", async (_h, headers, ms) => {
    const { fetch, requests } = fakeFetch(reply(429, { detail: "later" }, headers));
    const outcome = rejectionOf(testClient(fetch, { maxRetryDelayMs: 10_000 }).jobs.get(JOB_ID));

    await expectRetriesAfter(requests, []);

    const error = await outcome;
    expect(error).toBeInstanceOf(SieveRateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: ms });
  });

  it("a 503 asking for more than maxRetryDelayMs also fails at once (1 request)", async () => {
    const { fetch, requests } = fakeFetch(reply(503, { detail: "down" }, { "retry-after": "120" }));
    const outcome = rejectionOf(testClient(fetch).jobs.get(JOB_ID));

    await expectRetriesAfter(requests, []);

    expect(await outcome).toMatchObject({ status: 503 });
  });

  it("the default maxRetryDelayMs is 60 s", async () => {
    const { fetch, requests } = fakeFetch(reply(429, {}, { "retry-after": "61" }));
    const outcome = rejectionOf(testClient(fetch).jobs.get(JOB_ID));
    await expectRetriesAfter(requests, []);
    expect(await outcome).toMatchObject({ retryAfterMs: 61_000 });
  });

  it.each([["-5"], ["soon"], [""]])(
    "an unreadable Retry-After %j falls back to backoff",
    async (v) => {
      await expectDelays(reply(503, {}, { "retry-after": v }), [500, 1000]);
    },
  );
});

describe("exponential backoff", () => {
  it("doubles from 500 ms and is capped at 8 s", async () => {
    await expectDelays(reply(502), [500, 1000, 2000, 4000, 8000, 8000, 8000], 7);
  });

  it("subtracts up to 25 % of jitter from Math.random", async () => {
    vi.mocked(Math.random).mockReturnValue(1);
    await expectDelays(reply(500), [375, 750, 1500, 3000, 6000, 6000], 6);
  });

  it("rounds the jittered delay to a whole millisecond", async () => {
    vi.mocked(Math.random).mockReturnValue(0.5);
    await expectDelays(reply(500), [438, 875, 1750], 3);
  });

  it("draws a new jitter for each retry", async () => {
    vi.mocked(Math.random).mockReturnValueOnce(0.2).mockReturnValueOnce(0.8);
    await expectDelays(reply(500), [475, 800]);
  });
});

describe("the final failure", () => {
  it("is the last response's error, with its Retry-After as retryAfterMs", async () => {
    const { fetch, requests } = fakeFetch(reply(429, { detail: "slow" }, { "retry-after": "1" }));
    const outcome = rejectionOf(testClient(fetch, { maxRetries: 1 }).jobs.get(JOB_ID));

    await expectRetriesAfter(requests, [1000]);

    const error = await outcome;
    expect(error).toBeInstanceOf(SieveApiError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 1000, detail: "slow" });
  });
});
