/**
 * `onRetry` and `logger`: `onRetry` once per retry with `{ attempt, delayMs, method, url }` and
 * the `status` or `error` that caused it; `logger.warn` once per retry, `logger.debug` per request.
 */
import { describe, expect, it, vi } from "vitest";
import { SieveConnectionError, SieveTimeoutError } from "../../../src/index.js";
import { JOB_ID, job } from "../../support/fixtures.js";
import {
  BASE_URL,
  fail,
  fakeFetch,
  hang,
  rejectionOf,
  reply,
  testClient,
} from "../../support/fake-fetch.js";
import { spyLogger, spyOnRetry } from "../../support/spies.js";
import { expectRetriesAfter, useFakeClock } from "../../support/timers.js";

useFakeClock(0);

const JOB_URL = `${BASE_URL}/jobs/${JOB_ID}`;

describe("onRetry", () => {
  it("is called before each retry with the status that caused it", async () => {
    const { onRetry, payloads } = spyOnRetry();
    const { fetch, requests } = fakeFetch(
      reply(503),
      reply(429, {}, { "retry-after": "2" }),
      reply(200, job),
    );
    const got = testClient(fetch, { onRetry }).jobs.get(JOB_ID);

    await vi.advanceTimersByTimeAsync(0);
    expect(payloads()).toEqual([
      { attempt: 1, delayMs: 500, method: "GET", url: JOB_URL, status: 503 },
    ]);
    await expectRetriesAfter(requests, [500, 2_000]);

    expect(await got).toEqual(job);
    expect(payloads()).toEqual([
      { attempt: 1, delayMs: 500, method: "GET", url: JOB_URL, status: 503 },
      { attempt: 2, delayMs: 2_000, method: "GET", url: JOB_URL, status: 429 },
    ]);
  });

  it("carries the SieveConnectionError when no response arrived", async () => {
    const { onRetry, payloads } = spyOnRetry();
    const { fetch } = fakeFetch(fail("ECONNRESET"), hang, reply(200, {}));
    const cancelled = testClient(fetch, { onRetry, timeoutMs: 1_000 }).jobs.cancel(JOB_ID);

    await vi.runAllTimersAsync();
    await cancelled;

    const [first, second] = payloads();
    expect(first).toEqual({
      attempt: 1,
      delayMs: 500,
      method: "DELETE",
      url: JOB_URL,
      error: expect.any(SieveConnectionError),
    });
    expect(first?.error?.message).toContain("ECONNRESET");
    expect(second).toMatchObject({ attempt: 2, delayMs: 1_000, method: "DELETE" });
    expect(second?.error).toBeInstanceOf(SieveTimeoutError);
    expect(payloads()).toHaveLength(2);
  });

  it("is not called when nothing is retried", async () => {
    const { onRetry } = spyOnRetry();
    const { fetch } = fakeFetch(reply(503));
    const outcome = rejectionOf(
      testClient(fetch, { onRetry }).jobs.push({ function: "a/b", inputs: {} }),
    );

    await vi.runAllTimersAsync();
    await outcome;

    expect(onRetry).not.toHaveBeenCalled();
  });

  it("is an observer: what it throws or rejects with never changes the call's outcome", async () => {
    const onRetry = vi
      .fn()
      .mockImplementationOnce(() => {
        throw new Error("broken observer");
      })
      .mockImplementationOnce(async () => {
        throw new Error("broken async observer");
      });
    const { fetch, requests } = fakeFetch(reply(503), reply(502), reply(200, { data: [] }));
    const listed = testClient(fetch, { onRetry }).jobs.list();

    await vi.runAllTimersAsync();

    expect(await listed).toEqual({ data: [] });
    expect(onRetry).toHaveBeenCalledTimes(2);
    expect(requests).toHaveLength(3);
  });
});

describe("logger", () => {
  it("logs each request at debug and each retry at warn", async () => {
    const { logger, lines } = spyLogger();
    const { fetch, requests } = fakeFetch(reply(502), fail("ECONNRESET"), reply(200, job));
    const got = testClient(fetch, { logger }).jobs.get(JOB_ID);

    await expectRetriesAfter(requests, [500, 1_000]);
    await got;

    const sent = lines("debug").filter((line) => line === `sieve-client: GET ${JOB_URL}`);
    expect(sent).toHaveLength(3);
    expect(lines("debug")).toContain(`sieve-client: GET ${JOB_URL} -> 502 in 0 ms`);
    expect(lines("warn")).toEqual([
      `sieve-client: retrying GET ${JOB_URL} in 500 ms (retry 1): 502`,
      expect.stringMatching(
        new RegExp(`^sieve-client: retrying GET ${JOB_URL} in 1000 ms \\(retry 2\\): .*ECONNRESET`),
      ),
    ]);
    expect(logger.info).not.toHaveBeenCalled();
    expect(logger.error).not.toHaveBeenCalled();
  });

  it("logs the time a request took", async () => {
    const { logger, lines } = spyLogger();
    const slow = () =>
      new Promise<Response>((resolve) =>
        setTimeout(() => resolve(new Response('{"data":[]}')), 250),
      );
    const { fetch } = fakeFetch(slow);
    const listed = testClient(fetch, { logger }).jobs.list();

    await vi.advanceTimersByTimeAsync(250);
    await listed;

    expect(lines("debug")).toEqual([
      `sieve-client: GET ${BASE_URL}/jobs`,
      `sieve-client: GET ${BASE_URL}/jobs -> 200 in 250 ms`,
    ]);
  });

  it("works with a logger that has only some methods", async () => {
    const warn = vi.fn();
    const { fetch } = fakeFetch(reply(503), reply(200, job));
    const got = testClient(fetch, { logger: { warn } }).jobs.get(JOB_ID);

    await vi.runAllTimersAsync();

    expect(await got).toEqual(job);
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
