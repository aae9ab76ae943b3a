/**
 * The cancellation contract of `jobs.run` (issue 10), on the emulator through both entries, with
 * the requests the emulator received asserted: a job the run pushed is never left running behind
 * the caller's back, and the rejection says what is known (job id, whether a job may exist, and
 * what became of the cancel).
 */
import { rejectionOf } from "../support/rejection.js";
import { describe, expect, it } from "vitest";
import {
  SieveCallbackError,
  SieveRunAbortedError,
  SieveServerError,
  SieveTimeoutError,
  SieveWaitTimeoutError,
} from "../../src/index.js";
import type { FaultSpec } from "../../src/emulator/index.js";
import { ENTRIES, clientOf, until, useReliabilityEmulators } from "./support.js";

const hang = { function: "demo/hang", inputs: {} };

const runError = (promise: Promise<unknown>) => rejectionOf(promise, SieveRunAbortedError);

describe.each(ENTRIES)("jobs.run cancellation through the %s", (_entry, create) => {
  const emulators = useReliabilityEmulators();

  it("aborted while the push is in flight: the push answers within the grace, its job is cancelled", async () => {
    const emulator = await emulators.start();
    emulator.faults.next({ latencyMs: 1_000, matching: { method: "POST" } });
    const sieve = clientOf(create, emulator);
    const controller = new AbortController();
    const done = runError(sieve.jobs.run(hang, { signal: controller.signal }));
    await until(() => emulator.requests.length === 1);
    controller.abort(new Error("user gave up"));
    const error = await done;
    expect(error).toMatchObject({ reason: "aborted", jobMayExist: true });
    expect(error.cancellation).toEqual({ status: "cancelled" });
    expect(error.cause).toEqual(new Error("user gave up"));
    const [job] = emulator.jobs.list();
    expect(error.jobId).toBe(job?.id);
    expect(job?.status).toBe("cancelled");
    expect(emulator.requests.count({ method: "POST" })).toBe(1);
    expect(emulator.requests.count({ method: "DELETE" })).toBe(1);
    expect(emulator.requests.count({ method: "GET" })).toBe(0);
  });

  it("aborted while a push outlives the grace: says a job may exist, with no id", async () => {
    const emulator = await emulators.start();
    emulator.faults.next({ latencyMs: 1_500, matching: { method: "POST" } });
    const sieve = clientOf(create, emulator);
    const controller = new AbortController();
    const started = performance.now();
    const done = runError(sieve.jobs.run(hang, { signal: controller.signal, pushGraceMs: 200 }));
    await until(() => emulator.requests.length === 1);
    controller.abort(new Error("user gave up"));
    const error = await done;
    expect(performance.now() - started).toBeLessThan(1_400);
    expect(error).toMatchObject({ jobId: undefined, jobMayExist: true });
    expect(error.cancellation.status).toBe("not-attempted");
    expect(error.message).toContain("may have created a job");
    expect(emulator.requests.count({ method: "DELETE" })).toBe(0);
  });

  it("a push answered 429 after the abort is not sent again: no new paid job", async () => {
    const emulator = await emulators.start();
    emulator.faults.next({
      latencyMs: 800,
      status: 429,
      retryAfter: 0,
      matching: { method: "POST" },
    });
    const sieve = clientOf(create, emulator);
    const error = await runError(sieve.jobs.run(hang, { signal: AbortSignal.timeout(300) }));
    expect(error).toMatchObject({ jobId: undefined, jobMayExist: false });
    expect(emulator.requests.count({ method: "POST" })).toBe(1);
    expect(emulator.jobs.size).toBe(0);
  });

  it("a push answered 500 after the abort: a job may exist, and the reason says the push failed", async () => {
    const emulator = await emulators.start();
    emulator.faults.next({ latencyMs: 600, status: 500, matching: { method: "POST" } });
    const sieve = clientOf(create, emulator);
    const error = await runError(sieve.jobs.run(hang, { signal: AbortSignal.timeout(200) }));
    expect(error).toMatchObject({ jobId: undefined, jobMayExist: true });
    expect(error.cancellation).toMatchObject({ status: "not-attempted" });
    if (error.cancellation.status === "not-attempted")
      expect(error.cancellation.reason).toContain("the push failed (500");
  });

  it("a cancel refused because the job had just finished says it ended, not that it may run", async () => {
    // Queued for 1 s: the first poll sees it queued however loaded the machine, the next poll
    // is 5 s away, and the job ends in between, unseen by the client.
    const emulator = await emulators.start({
      functions: { "demo/late": { delayMs: 1_000, handler: (inputs) => inputs.text } },
    });
    const sieve = clientOf(create, emulator);
    const controller = new AbortController();
    const seen: string[] = [];
    const done = runError(
      sieve.jobs.run(
        { function: "demo/late", inputs: { text: "x" } },
        {
          signal: controller.signal,
          strategy: "poll",
          intervalMs: 5_000,
          onStatus: (job) => void seen.push(job.status),
        },
      ),
    );
    await until(() => seen.length > 0);
    expect(seen).toEqual(["queued"]);
    await until(() => emulator.jobs.list()[0]?.status === "finished");
    controller.abort(new Error("stop"));
    const error = await done;
    expect(error.cancellation).toEqual({ status: "already-ended", jobStatus: "finished" });
    expect(error.message).not.toContain("may still be running");
    expect(emulator.requests.count({ method: "DELETE" })).toBe(1);
  });

  it("a cancel that fails (500s) is reported, and the job is really still running", async () => {
    const emulator = await emulators.start();
    const sieve = clientOf(create, emulator, { maxRetryDelayMs: 1_000 });
    const controller = new AbortController();
    let seen = false;
    const done = runError(
      sieve.jobs.run(hang, {
        signal: controller.signal,
        onStatus: () => {
          seen = true;
        },
      }),
    );
    await until(() => seen);
    emulator.faults.next({ status: 500, times: 3, matching: { method: "DELETE" } });
    controller.abort(new Error("stop"));
    const error = await done;
    expect(error.cancellation.status).toBe("failed");
    if (error.cancellation.status === "failed")
      expect(error.cancellation.error).toBeInstanceOf(SieveServerError);
    expect(error.message).toContain(`could not cancel job ${error.jobId}`);
    expect(error.message).toContain("may still be running");
    expect(emulator.requests.count({ method: "DELETE" })).toBe(3);
    expect(emulator.jobs.get(error.jobId ?? "")?.status).toBe("processing");
  });

  /** Runs a hanging job, queues `fault` for its cancels once it was seen, then aborts the run. */
  async function abortWithCancelFault(fault: FaultSpec) {
    const emulator = await emulators.start();
    const sieve = clientOf(create, emulator, { timeoutMs: 300, maxRetries: 0 });
    let seen = false;
    const controller = new AbortController();
    const done = runError(
      sieve.jobs.run(hang, { signal: controller.signal, onStatus: () => void (seen = true) }),
    );
    await until(() => seen);
    emulator.faults.next({ ...fault, matching: { method: "DELETE" } });
    controller.abort(new Error("stop"));
    const error = await done;
    return { error, status: emulator.jobs.get(error.jobId ?? "")?.status, emulator };
  }

  it("a cancel whose answers time out is checked: the job was cancelled after all", async () => {
    // The emulator handles each DELETE but answers after 2 s: the client times out every time.
    const { error, status, emulator } = await abortWithCancelFault({ latencyMs: 2_000, times: 3 });
    expect(error.cancellation).toEqual({ status: "cancelled" });
    expect(status).toBe("cancelled");
    expect(emulator.requests.count({ method: "DELETE" })).toBe(3);
  });

  it("a cancel that never gets through, on a job still running, is failed", async () => {
    // Dropped before it is handled: the job keeps running, as after a lost request.
    const { error, status } = await abortWithCancelFault({ drop: "before-response", times: 3 });
    expect(error.cancellation.status).toBe("failed");
    expect(status).toBe("processing");
  });

  it("timeoutMs covers the push: a run out of time during a slow push still cancels its job", async () => {
    const emulator = await emulators.start();
    emulator.faults.next({ latencyMs: 600, matching: { method: "POST" } });
    const sieve = clientOf(create, emulator);
    const error = await runError(sieve.jobs.run(hang, { timeoutMs: 300 }));
    expect(error).toMatchObject({ reason: "timeout", jobMayExist: true });
    expect(error.cancellation).toEqual({ status: "cancelled" });
    expect(emulator.jobs.get(error.jobId ?? "")?.status).toBe("cancelled");
  });

  it("a wait timeout cancels the job; the cause is the SieveWaitTimeoutError", async () => {
    const emulator = await emulators.start();
    const sieve = clientOf(create, emulator);
    const error = await runError(sieve.jobs.run(hang, { timeoutMs: 400, intervalMs: 50 }));
    expect(error.reason).toBe("timeout");
    expect(error.cause).toBeInstanceOf(SieveWaitTimeoutError);
    expect(emulator.jobs.get(error.jobId ?? "")?.status).toBe("cancelled");
  });

  it("an onStatus that throws ends run and cancels the job", async () => {
    const emulator = await emulators.start();
    const sieve = clientOf(create, emulator);
    const error = await runError(
      sieve.jobs.run(hang, {
        onStatus: () => {
          throw new Error("db down");
        },
      }),
    );
    expect(error.reason).toBe("callback");
    expect(error.cause).toBeInstanceOf(SieveCallbackError);
    expect(emulator.jobs.get(error.jobId ?? "")?.status).toBe("cancelled");
    expect(emulator.requests.count({ method: "DELETE" })).toBe(1);
  });

  it("an async onStatus that rejects ends run (no unhandled rejection) and cancels the job", async () => {
    const emulator = await emulators.start();
    const sieve = clientOf(create, emulator);
    const error = await runError(
      sieve.jobs.run(hang, {
        onStatus: async () => {
          await new Promise((resolve) => setTimeout(resolve, 10));
          throw new Error("db down");
        },
      }),
    );
    expect(error.reason).toBe("callback");
    expect(emulator.jobs.get(error.jobId ?? "")?.status).toBe("cancelled");
  });

  it("an already-aborted signal sends nothing", async () => {
    const emulator = await emulators.start();
    const error = await runError(
      clientOf(create, emulator).jobs.run(hang, { signal: AbortSignal.abort() }),
    );
    expect(error).toMatchObject({ jobId: undefined, jobMayExist: false });
    expect(emulator.requests).toHaveLength(0);
  });
});

describe.each(ENTRIES)("jobs.outputs through the %s", (_entry, create) => {
  const emulators = useReliabilityEmulators();

  it("return() while a next() is pending stops at once, and polls no more", async () => {
    const emulator = await emulators.start();
    const sieve = clientOf(create, emulator);
    const { id } = await sieve.jobs.push(hang);
    const outputs = sieve.jobs.outputs(id, { intervalMs: 5_000, maxIntervalMs: 5_000 });
    const pending = outputs.next();
    await until(() => emulator.requests.count({ method: "GET" }) === 1);
    const started = performance.now();
    await outputs.return();
    expect(await pending).toEqual({ done: true, value: undefined });
    expect(performance.now() - started).toBeLessThan(100);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(emulator.requests.count({ method: "GET" })).toBe(1);
  });
});
