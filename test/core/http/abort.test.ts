/**
 * A caller's signal: an abort rejects at once with the signal's reason (an `AbortError`, or the
 * caller's own reason), interrupts a retry sleep, is never retried, and an already-aborted
 * signal sends nothing.
 */
import { describe, expect, it, vi } from "vitest";
import type { SieveClient } from "../../../src/index.js";
import { JOB_ID } from "../../support/fixtures.js";
import { fakeFetch, hang, rejectionOf, reply, testClient } from "../../support/fake-fetch.js";
import { useFakeClock } from "../../support/timers.js";

useFakeClock(0);

const calls = [
  ["jobs.get", (s: SieveClient, signal: AbortSignal) => s.jobs.get(JOB_ID, {}, { signal })],
  ["jobs.list", (s: SieveClient, signal: AbortSignal) => s.jobs.list({}, { signal })],
  ["jobs.cancel", (s: SieveClient, signal: AbortSignal) => s.jobs.cancel(JOB_ID, { signal })],
  [
    "jobs.push",
    (s: SieveClient, signal: AbortSignal) =>
      s.jobs.push({ function: "sieve/dubbing", inputs: {} }, { signal }),
  ],
  ["functions.get", (s: SieveClient, signal: AbortSignal) => s.functions.get("a/b", { signal })],
  [
    "functions.versions",
    (s: SieveClient, signal: AbortSignal) => s.functions.versions("a/b", {}, { signal }),
  ],
  [
    "functions.jobs",
    (s: SieveClient, signal: AbortSignal) => s.functions.jobs("a/b", {}, { signal }),
  ],
] as const;

describe("an already-aborted signal", () => {
  it.each(calls)("%s sends nothing and rejects with the reason", async (_name, call) => {
    const { fetch, requests } = fakeFetch(reply(200, {}));
    const reason = new Error("caller gave up");

    const error = await rejectionOf(call(testClient(fetch), AbortSignal.abort(reason)));

    expect(error).toBe(reason);
    expect(requests).toHaveLength(0);
  });
});

describe("an abort during a retry sleep", () => {
  it("rejects at once with an AbortError and sends nothing more", async () => {
    const { fetch, requests } = fakeFetch(reply(503));
    const controller = new AbortController();
    const outcome = rejectionOf(
      testClient(fetch).jobs.get(JOB_ID, {}, { signal: controller.signal }),
    );
    await vi.advanceTimersByTimeAsync(499);
    expect(requests).toHaveLength(1);

    controller.abort();
    const error = await outcome;

    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).name).toBe("AbortError");
    expect(error).toBe(controller.signal.reason);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests).toHaveLength(1);
  });

  it("rejects with the caller's own reason", async () => {
    const { fetch, requests } = fakeFetch(reply(429, {}, { "retry-after": "30" }));
    const controller = new AbortController();
    const reason = new Error("shutting down");
    const outcome = rejectionOf(testClient(fetch).jobs.list({}, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(10_000);

    controller.abort(reason);

    expect(await outcome).toBe(reason);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests).toHaveLength(1);
  });

  it("on a push retried after a 429, rejects at once and sends nothing more", async () => {
    const { fetch, requests } = fakeFetch(reply(429));
    const controller = new AbortController();
    const push = testClient(fetch).jobs.push(
      { function: "sieve/dubbing", inputs: {} },
      { signal: controller.signal },
    );
    const outcome = rejectionOf(push);
    await vi.advanceTimersByTimeAsync(100);

    controller.abort();

    expect((await outcome) as DOMException).toMatchObject({ name: "AbortError" });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(requests).toHaveLength(1);
  });
});

describe("an abort during a request", () => {
  it("rejects with the reason at once and is not retried", async () => {
    const { fetch, requests } = fakeFetch(hang);
    const controller = new AbortController();
    const reason = new Error("user navigated away");
    const outcome = rejectionOf(
      testClient(fetch).jobs.get(JOB_ID, {}, { signal: controller.signal }),
    );
    await vi.advanceTimersByTimeAsync(1_000);

    controller.abort(reason);

    expect(await outcome).toBe(reason);
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(requests).toHaveLength(1);
  });

  it("passes the abort to the fetch it gave the request to", async () => {
    const { fetch, requests } = fakeFetch(hang);
    const controller = new AbortController();
    const outcome = rejectionOf(testClient(fetch).jobs.list({}, { signal: controller.signal }));
    await vi.advanceTimersByTimeAsync(0);
    const sent = requests[0] as Request;
    expect(sent.signal.aborted).toBe(false);

    controller.abort();

    await outcome;
    expect(sent.signal.aborted).toBe(true);
    expect(sent.signal.reason).toBe(controller.signal.reason);
  });
});
