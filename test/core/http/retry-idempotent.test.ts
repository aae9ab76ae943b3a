/**
 * Which failures GET and DELETE retry, and how many requests go out: retried on connection
 * errors, 408, 429 and 500/502/503/504 up to `maxRetries` (default 2, so 3 requests); never on
 * 400/401/403/404/422. Backoff delays are asserted with `Math.random` fixed at 0 (no jitter).
 */
import { describe, expect, it } from "vitest";
import {
  SieveApiError,
  SieveAuthenticationError,
  SieveBadRequestError,
  SieveConnectionError,
  SieveNotFoundError,
  SievePermissionError,
  SieveRateLimitError,
  SieveServerError,
  SieveTimeoutError,
  SieveValidationError,
  type SieveClient,
} from "../../../src/index.js";
import { JOB_ID, cancelResponse, job } from "../../support/fixtures.js";
import { fail, fakeFetch, hang, rejectionOf, reply, testClient } from "../../support/fake-fetch.js";
import { expectRetriesAfter, useFakeClock } from "../../support/timers.js";

useFakeClock(0);

const methods = [
  ["GET", (sieve: SieveClient) => sieve.jobs.get(JOB_ID), job],
  ["DELETE", (sieve: SieveClient) => sieve.jobs.cancel(JOB_ID), cancelResponse],
] as const;

describe.each(methods)("%s", (_method, call, success) => {
  it.each([
    [408, SieveApiError],
    [429, SieveRateLimitError],
    [500, SieveServerError],
    [502, SieveServerError],
    [503, SieveServerError],
    [504, SieveServerError],
  ] as const)("retries a %i twice (3 requests), 500 then 1000 ms apart", async (status, Class) => {
    const { fetch, requests } = fakeFetch(reply(status, { detail: "busy" }));
    const outcome = rejectionOf(call(testClient(fetch)));

    await expectRetriesAfter(requests, [500, 1000]);

    const error = await outcome;
    expect(error).toMatchObject({ status });
    expect(error).toBeInstanceOf(Class);
  });

  it("retries a connection reset twice (3 requests), then throws SieveConnectionError", async () => {
    const { fetch, requests } = fakeFetch(fail("ECONNRESET"));
    const outcome = rejectionOf(call(testClient(fetch)));

    await expectRetriesAfter(requests, [500, 1000]);

    const error = await outcome;
    expect(error).toBeInstanceOf(SieveConnectionError);
    expect((error as Error).message).toContain("ECONNRESET");
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it("retries a per-attempt timeout twice (3 requests), then throws SieveTimeoutError", async () => {
    const { fetch, requests } = fakeFetch(hang);
    const outcome = rejectionOf(call(testClient(fetch, { timeoutMs: 1_000 })));

    await expectRetriesAfter(requests, [1_000 + 500, 1_000 + 1_000]);

    expect(await outcome).toBeInstanceOf(SieveTimeoutError);
  });

  it("resolves with the first success after failures", async () => {
    const { fetch, requests } = fakeFetch(fail("ECONNRESET"), reply(503), reply(200, success));
    const result = call(testClient(fetch));

    await expectRetriesAfter(requests, [500, 1000]);

    expect(await result).toEqual(success);
  });

  it.each([
    [400, SieveBadRequestError],
    [401, SieveAuthenticationError],
    [403, SievePermissionError],
    [404, SieveNotFoundError],
    [422, SieveValidationError],
  ] as const)("does not retry a %i (1 request)", async (status, Class) => {
    const { fetch, requests } = fakeFetch(reply(status, { detail: "no" }), reply(200, success));
    const outcome = rejectionOf(call(testClient(fetch)));

    await expectRetriesAfter(requests, []);

    expect(await outcome).toBeInstanceOf(Class);
  });

  it("sends maxRetries + 1 requests with a client-wide maxRetries", async () => {
    const { fetch, requests } = fakeFetch(reply(503));
    const outcome = rejectionOf(call(testClient(fetch, { maxRetries: 4 })));

    await expectRetriesAfter(requests, [500, 1000, 2000, 4000]);

    expect(await outcome).toBeInstanceOf(SieveServerError);
  });

  it("sends exactly 1 request with maxRetries: 0", async () => {
    const { fetch, requests } = fakeFetch(reply(503), reply(200, success));
    const outcome = rejectionOf(call(testClient(fetch, { maxRetries: 0 })));

    await expectRetriesAfter(requests, []);

    expect(await outcome).toBeInstanceOf(SieveServerError);
  });
});
