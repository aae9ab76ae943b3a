import { describe, expect, it, vi } from "vitest";
import type { Job } from "../../../generated/sieve.js";
import { SieveJobCancelledError } from "../../../src/core/errors/sieve-job-cancelled-error.js";
import { SieveJobFailedError } from "../../../src/core/errors/sieve-job-failed-error.js";
import { SieveNotFoundError } from "../../../src/core/errors/sieve-not-found-error.js";
import { SieveRateLimitError } from "../../../src/core/errors/sieve-rate-limit-error.js";
import { SieveServerError } from "../../../src/core/errors/sieve-server-error.js";
import { SieveConnectionError } from "../../../src/core/errors/sieve-connection-error.js";
import { SieveWaitTimeoutError } from "../../../src/core/errors/sieve-wait-timeout-error.js";
import { SieveCallbackError } from "../../../src/core/errors/sieve-callback-error.js";
import type { RetryInfo } from "../../../src/core/config/client-options.js";
import type { JobReader } from "../../../src/resources/jobs/job-reader.js";
import { waitForJob } from "../../../src/resources/jobs/wait-for-job.js";
import { STANDALONE_POLL_CONTEXT } from "../../../src/resources/jobs/job-poller.js";
import { resolveWaitOptions } from "../../../src/resources/jobs/wait-options.js";
import { useFakeClock } from "../../support/timers.js";
import { makeJob } from "../../support/job-fixtures.js";

/** A reader that answers from a script, one entry per poll: a job or an error to throw. */
function scriptedReader(script: Array<Job | Error>) {
  const times: number[] = [];
  const read = vi.fn<JobReader>(async () => {
    times.push(Date.now());
    const next = script.length > 1 ? script.shift() : script[0];
    if (next instanceof Error) throw next;
    return next as Job;
  });
  return { read, times };
}

const apiError = (Class: typeof SieveServerError, status: number, headers = {}) =>
  new Class({
    status,
    method: "GET",
    url: "https://api.test/v2/jobs/job-1",
    body: {},
    headers,
    ...(status === 429 ? { retryAfterMs: 2_000 } : {}),
  });

useFakeClock(0, 0);

describe("waitForJob", () => {
  it("polls at 0, 500, 1250, 2375 ms... (×1.5 to a 3 s cap) and resolves with the finished job", async () => {
    const statuses = [
      "queued",
      "processing",
      "processing",
      "processing",
      "processing",
      "processing",
      "processing",
      "finished",
    ] as const;
    const { read, times } = scriptedReader(statuses.map((s) => makeJob(s)));
    const onStatus = vi.fn();
    const done = waitForJob(read, "job-1", resolveWaitOptions({ onStatus }));
    await vi.runAllTimersAsync();
    await expect(done).resolves.toMatchObject({ status: "finished" });
    expect(times).toEqual([0, 500, 1250, 2375, 4063, 6594, 9594, 12594]);
    expect(onStatus.mock.calls.map(([job]) => job.status)).toEqual([
      "queued",
      "processing",
      "finished",
    ]);
  });

  it("honours intervalMs and maxIntervalMs", async () => {
    const { read, times } = scriptedReader([
      makeJob("processing"),
      makeJob("processing"),
      makeJob("processing"),
      makeJob("finished"),
    ]);
    const done = waitForJob(
      read,
      "job-1",
      resolveWaitOptions({ intervalMs: 100, maxIntervalMs: 150 }),
    );
    await vi.runAllTimersAsync();
    await done;
    expect(times).toEqual([0, 100, 250, 400]);
  });

  it("rejects with SieveJobFailedError carrying the job and its error text", async () => {
    const { read } = scriptedReader([makeJob("processing"), makeJob("error")]);
    const done = waitForJob(read, "job-1", resolveWaitOptions());
    const caught = done.catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    const error = (await caught) as SieveJobFailedError;
    expect(error).toBeInstanceOf(SieveJobFailedError);
    expect(error.jobError).toBe("CUDA out of memory");
    expect(error.job.status).toBe("error");
  });

  it("rejects with SieveJobCancelledError", async () => {
    const { read } = scriptedReader([makeJob("cancelled")]);
    await expect(waitForJob(read, "job-1", resolveWaitOptions())).rejects.toBeInstanceOf(
      SieveJobCancelledError,
    );
  });

  it("times out with the last job seen, capping the last sleep and request to the time left", async () => {
    const { read, times } = scriptedReader([makeJob("processing")]);
    const done = waitForJob(read, "job-1", resolveWaitOptions({ timeoutMs: 2_000 }));
    const caught = done.catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    const error = (await caught) as SieveWaitTimeoutError;
    expect(error).toBeInstanceOf(SieveWaitTimeoutError);
    expect(error.job?.status).toBe("processing");
    expect(times).toEqual([0, 500, 1250]);
    expect(Date.now()).toBe(2_000);
    expect(read.mock.calls[2]?.[2].timeoutMs).toBe(750);
  });

  it("keeps waiting through transient failures, with the client's backoff and Retry-After", async () => {
    const { read, times } = scriptedReader([
      new SieveConnectionError("reset", { method: "GET", url: "u" }),
      apiError(SieveServerError, 503),
      apiError(SieveRateLimitError, 429),
      makeJob("finished"),
    ]);
    const done = waitForJob(read, "job-1", resolveWaitOptions());
    await vi.runAllTimersAsync();
    await expect(done).resolves.toMatchObject({ status: "finished" });
    expect(times).toEqual([0, 500, 1500, 3500]);
  });

  it("fails at once on an error that is not transient", async () => {
    const { read } = scriptedReader([apiError(SieveNotFoundError, 404)]);
    await expect(waitForJob(read, "job-1", resolveWaitOptions())).rejects.toBeInstanceOf(
      SieveNotFoundError,
    );
    expect(read).toHaveBeenCalledTimes(1);
  });

  it("rejects at once with the signal's reason when aborted during a sleep, leaving no timer", async () => {
    const controller = new AbortController();
    const { read } = scriptedReader([makeJob("processing")]);
    const done = waitForJob(read, "job-1", resolveWaitOptions({ signal: controller.signal }));
    const caught = done.catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort(new Error("user gave up"));
    expect(await caught).toEqual(new Error("user gave up"));
    expect(vi.getTimerCount()).toBe(0);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it("reads nothing when the signal is already aborted", async () => {
    const { read } = scriptedReader([makeJob("finished")]);
    const options = resolveWaitOptions({ signal: AbortSignal.abort() });
    await expect(waitForJob(read, "job-1", options)).rejects.toMatchObject({ name: "AbortError" });
    expect(read).not.toHaveBeenCalled();
  });

  it("holds at most one timer while waiting", async () => {
    const { read } = scriptedReader([makeJob("processing")]);
    const controller = new AbortController();
    const done = waitForJob(
      read,
      "job-1",
      resolveWaitOptions({ signal: controller.signal, timeoutMs: 60_000 }),
    );
    const caught = done.catch(() => undefined);
    for (let i = 0; i < 10; i++) {
      await vi.advanceTimersByTimeAsync(700);
      expect(vi.getTimerCount()).toBeLessThanOrEqual(1);
    }
    controller.abort();
    await caught;
  });
});

describe("waitForJob: one rule for failures, callbacks that fail", () => {
  it("ends at once on a programming error (a TypeError is not transient)", async () => {
    const bug = new TypeError("agent.request is not a function");
    const { read } = scriptedReader([bug]);
    await expect(waitForJob(read, "job-1", resolveWaitOptions())).rejects.toBe(bug);
    expect(read).toHaveBeenCalledTimes(1);
  });

  it("ends at once on a 4xx the retry policy does not name, and on a 501", async () => {
    for (const status of [400, 401, 403, 409, 501]) {
      const { read } = scriptedReader([apiError(SieveServerError, status)]);
      await expect(waitForJob(read, "job-1", resolveWaitOptions())).rejects.toMatchObject({
        status,
      });
      expect(read).toHaveBeenCalledTimes(1);
    }
  });

  it("reports each transient failure as the transport reports a retry, honouring a 503's Retry-After", async () => {
    const unavailable = new SieveServerError({
      status: 503,
      method: "GET",
      url: "https://api.test/v2/jobs/job-1",
      body: {},
      headers: {},
      retryAfterMs: 4_000,
    });
    const reset = new SieveConnectionError("reset", { method: "GET", url: "u" });
    const { read, times } = scriptedReader([unavailable, reset, makeJob("finished")]);
    const reports: RetryInfo[] = [];
    const done = waitForJob(read, "job-1", resolveWaitOptions(), {
      ...STANDALONE_POLL_CONTEXT,
      reportRetry: (info) => reports.push(info),
    });
    await vi.runAllTimersAsync();
    await done;
    expect(times).toEqual([0, 4_000, 5_000]);
    expect(reports).toEqual([
      {
        attempt: 1,
        delayMs: 4_000,
        method: "GET",
        url: "https://api.test/v2/jobs/job-1",
        status: 503,
      },
      { attempt: 2, delayMs: 1_000, method: "GET", url: "u", error: reset },
    ]);
  });

  it("a timeout while polls fail carries the last failure as cause and names it", async () => {
    const { read } = scriptedReader([makeJob("queued"), apiError(SieveServerError, 502)]);
    const caught = waitForJob(read, "job-1", resolveWaitOptions({ timeoutMs: 3_000 })).catch(
      (e: unknown) => e,
    );
    await vi.runAllTimersAsync();
    const error = (await caught) as SieveWaitTimeoutError;
    expect(error).toBeInstanceOf(SieveWaitTimeoutError);
    expect(error.cause).toBeInstanceOf(SieveServerError);
    expect(error.message).toContain("last seen queued");
    expect(error.message).toContain("the last poll failed: 502");
  });

  it("an onStatus that throws ends the wait with SieveCallbackError carrying the job id", async () => {
    const { read } = scriptedReader([makeJob("processing"), makeJob("finished")]);
    const thrown = new Error("db down");
    const options = resolveWaitOptions({
      onStatus: () => {
        throw thrown;
      },
    });
    const error = await waitForJob(read, "job-1", options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SieveCallbackError);
    expect(error).toMatchObject({ jobId: "job-1", callback: "onStatus", cause: thrown });
    expect(read).toHaveBeenCalledTimes(1);
  });

  it("awaits an async onStatus, and its rejection ends the wait (never an unhandled rejection)", async () => {
    const { read } = scriptedReader([makeJob("processing"), makeJob("finished")]);
    const order: string[] = [];
    const options = resolveWaitOptions({
      onStatus: async (job) => {
        await new Promise((resolve) => setTimeout(resolve, 50));
        order.push(job.status);
        if (job.status === "finished") throw new Error("saving failed");
      },
    });
    const caught = waitForJob(read, "job-1", options).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    const error = await caught;
    expect(order).toEqual(["processing", "finished"]);
    expect(error).toBeInstanceOf(SieveCallbackError);
    expect((error as Error).message).toContain("saving failed");
  });

  it("an abort ends a wait stuck in an async onStatus at once", async () => {
    const controller = new AbortController();
    const { read } = scriptedReader([makeJob("processing")]);
    const options = resolveWaitOptions({
      signal: controller.signal,
      onStatus: () => new Promise(() => undefined),
    });
    const caught = waitForJob(read, "job-1", options).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new Error("stop"));
    expect(await caught).toEqual(new Error("stop"));
  });
});
