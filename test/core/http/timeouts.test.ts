/**
 * Per-attempt timeouts with a fetch that answers only when its signal aborts: each attempt ends
 * after `timeoutMs`, GET retries it (maxRetries + 1 attempts), then `SieveTimeoutError`.
 */
import { describe, expect, it, vi } from "vitest";
import { SieveConnectionError, SieveError, SieveTimeoutError } from "../../../src/index.js";
import { JOB_ID, job } from "../../support/fixtures.js";
import {
  BASE_URL,
  fakeFetch,
  hang,
  rejectionOf,
  reply,
  testClient,
} from "../../support/fake-fetch.js";
import { expectRequestAfter, useFakeClock, watch } from "../../support/timers.js";

useFakeClock(0);

describe("a request that never answers", () => {
  it("times out after timeoutMs per attempt, 3 attempts, then SieveTimeoutError", async () => {
    const { fetch, requests } = fakeFetch(hang);
    const call = watch(testClient(fetch, { timeoutMs: 1_000 }).jobs.get(JOB_ID));

    await vi.advanceTimersByTimeAsync(0);
    expect(requests).toHaveLength(1);
    await expectRequestAfter(requests, 1_000 + 500);
    await expectRequestAfter(requests, 1_000 + 1_000);
    const error = await call.rejectsAfter(1_000);

    expect(error).toBeInstanceOf(SieveTimeoutError);
    expect(error).toBeInstanceOf(SieveConnectionError);
    expect(error).toBeInstanceOf(SieveError);
    expect(error).toMatchObject({
      name: "SieveTimeoutError",
      timeoutMs: 1_000,
      method: "GET",
      url: `${BASE_URL}/jobs/${JOB_ID}`,
    });
    expect((error as Error).message).toContain("timed out after 1000 ms");
    expect(requests).toHaveLength(3);
    expect(requests.every((sent) => sent.signal.aborted)).toBe(true);
  });

  it("uses 60 s by default", async () => {
    const { fetch, requests } = fakeFetch(hang);
    const call = watch(testClient(fetch, { maxRetries: 0 }).jobs.list());

    expect(await call.rejectsAfter(60_000)).toMatchObject({ timeoutMs: 60_000 });
    expect(requests).toHaveLength(1);
  });

  it("resolves when a retry answers in time", async () => {
    const { fetch, requests } = fakeFetch(hang, reply(200, job));
    const got = testClient(fetch, { timeoutMs: 300 }).jobs.get(JOB_ID);

    await vi.advanceTimersByTimeAsync(0);
    await expectRequestAfter(requests, 300 + 500);

    expect(await got).toEqual(job);
  });
});

describe("per-call limits", () => {
  it("timeoutMs and maxRetries of the call override the client's", async () => {
    const { fetch, requests } = fakeFetch(hang);
    const sieve = testClient(fetch, { timeoutMs: 60_000, maxRetries: 5 });
    const call = watch(sieve.jobs.get(JOB_ID, {}, { timeoutMs: 250, maxRetries: 1 }));

    await vi.advanceTimersByTimeAsync(0);
    await expectRequestAfter(requests, 250 + 500);

    expect(await call.rejectsAfter(250)).toMatchObject({ timeoutMs: 250 });
    expect(requests).toHaveLength(2);
  });

  it("maxRetries: 0 on the call sends one request where the client allows 5 retries", async () => {
    const { fetch, requests } = fakeFetch(reply(503));
    const sieve = testClient(fetch, { maxRetries: 5 });
    const outcome = rejectionOf(sieve.functions.get("sieve/dubbing", { maxRetries: 0 }));

    await vi.advanceTimersByTimeAsync(60_000);

    expect(await outcome).toMatchObject({ status: 503 });
    expect(requests).toHaveLength(1);
  });

  it("maxRetries on the call raises the client's", async () => {
    const { fetch, requests } = fakeFetch(reply(503));
    const sieve = testClient(fetch, { maxRetries: 0 });
    const outcome = rejectionOf(sieve.jobs.cancel(JOB_ID, { maxRetries: 3 }));

    await vi.advanceTimersByTimeAsync(0);
    await expectRequestAfter(requests, 500);
    await expectRequestAfter(requests, 1_000);
    await expectRequestAfter(requests, 2_000);

    expect(await outcome).toMatchObject({ status: 503 });
    expect(requests).toHaveLength(4);
  });

  it("a per-call limit does not change the client's defaults for later calls", async () => {
    const { fetch, requests } = fakeFetch(reply(503));
    const sieve = testClient(fetch, { maxRetries: 1 });
    const first = rejectionOf(sieve.jobs.list({}, { maxRetries: 0 }));
    await vi.advanceTimersByTimeAsync(10_000);
    await first;
    expect(requests).toHaveLength(1);

    const second = rejectionOf(sieve.jobs.list());
    await vi.advanceTimersByTimeAsync(10_000);
    await second;
    expect(requests).toHaveLength(3);
  });
});
