import { rejectionOf } from "../../support/rejection.js";
import { describe, expect, it, vi } from "vitest";
import type { Job } from "../../../generated/sieve.js";
import { SieveCallbackError } from "../../../src/core/errors/sieve-callback-error.js";
import { SieveJobFailedError } from "../../../src/core/errors/sieve-job-failed-error.js";
import { SieveRunAbortedError } from "../../../src/core/errors/sieve-run-aborted-error.js";
import { SieveWaitTimeoutError } from "../../../src/core/errors/sieve-wait-timeout-error.js";
import { SieveBadRequestError } from "../../../src/core/errors/sieve-bad-request-error.js";
import { SieveServerError } from "../../../src/core/errors/sieve-server-error.js";
import { runJob, type RunLimits, type RunSteps } from "../../../src/resources/jobs/run-job.js";
import { abortableSleep } from "../../../src/core/utils/abortable-sleep.js";
import { makeJob } from "../../support/job-fixtures.js";
import { useFakeClock } from "../../support/timers.js";

const pushed = {
  id: "job-1",
  run_id: "r",
  stream_output: false,
  status: "queued" as const,
  organization_id: "o",
  model_id: "m",
  workflow_id: null,
};

const apiError = (Class: typeof SieveServerError, status: number) =>
  new Class({
    status,
    method: "DELETE",
    url: "https://api.test/v2/jobs/job-1",
    body: {},
    headers: {},
  });

type Spied = { [K in keyof RunSteps]: ReturnType<typeof vi.fn> & RunSteps[K] };

function steps(wait: RunSteps["wait"], push?: RunSteps["push"]): Spied {
  return {
    push: vi.fn(push ?? (async () => pushed)),
    wait: vi.fn(wait),
    cancel: vi.fn(async () => ({ message: "cancelled" })),
    read: vi.fn(async () => makeJob("processing")),
  } as never;
}

/** A wait that runs until its signal aborts, as the real one does. */
const waitForever: RunSteps["wait"] = (_id, signal) =>
  abortableSleep(2_000_000_000, signal).then(() => makeJob("finished"));

const limits = (more: Partial<RunLimits> = {}): RunLimits => ({
  signal: undefined,
  timeoutMs: undefined,
  cancelOnAbort: true,
  pushGraceMs: 10_000,
  ...more,
});

const rejection = (promise: Promise<unknown>) => rejectionOf(promise, SieveRunAbortedError);

useFakeClock(0, 0);

describe("runJob", () => {
  it("pushes then waits, and resolves with the finished job", async () => {
    const s = steps(async () => makeJob("finished"));
    await expect(runJob(s, limits())).resolves.toMatchObject({ status: "finished" });
    expect(s.wait).toHaveBeenCalledWith("job-1", expect.any(AbortSignal), undefined);
    expect(s.cancel).not.toHaveBeenCalled();
  });

  it("before the push: sends nothing, says no job was created", async () => {
    const s = steps(async () => makeJob("finished"));
    const error = await rejection(runJob(s, limits({ signal: AbortSignal.abort() })));
    expect(error).toMatchObject({ reason: "aborted", jobId: undefined, jobMayExist: false });
    expect(error.cancellation).toEqual({ status: "not-attempted", reason: "nothing was sent" });
    expect(s.push).not.toHaveBeenCalled();
  });

  it("during the push: lets it answer within the grace period, then cancels the job it created", async () => {
    const controller = new AbortController();
    const s = steps(waitForever, async (signal) => {
      await abortableSleep(1_000, signal); // answered 1 s after the abort below
      return pushed;
    });
    const done = rejection(runJob(s, limits({ signal: controller.signal })));
    controller.abort(new Error("stop"));
    await vi.advanceTimersByTimeAsync(1_000);
    const error = await done;
    expect(error).toMatchObject({ reason: "aborted", jobId: "job-1", jobMayExist: true });
    expect(error.cancellation).toEqual({ status: "cancelled" });
    expect(error.cause).toEqual(new Error("stop"));
    expect(s.cancel).toHaveBeenCalledWith("job-1");
    expect(s.wait).not.toHaveBeenCalled();
    expect(error.message).toContain("cancelled job job-1");
  });

  it("during the push: a push that outlives the grace period is aborted, and a job may exist", async () => {
    const controller = new AbortController();
    let pushSignal: AbortSignal | undefined;
    const s = steps(waitForever, async (signal) => {
      pushSignal = signal;
      await abortableSleep(60_000, signal);
      return pushed;
    });
    const done = rejection(runJob(s, limits({ signal: controller.signal, pushGraceMs: 5_000 })));
    controller.abort(new Error("stop"));
    await vi.advanceTimersByTimeAsync(4_999);
    expect(pushSignal?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await done;
    expect(pushSignal?.aborted).toBe(true);
    expect(error).toMatchObject({ jobId: undefined, jobMayExist: true });
    expect(error.cancellation.status).toBe("not-attempted");
    expect(error.message).toContain("may have created a job");
    expect(s.cancel).not.toHaveBeenCalled();
  });

  it("during the push: a push refused with a 4xx created nothing", async () => {
    const controller = new AbortController();
    const s = steps(waitForever, async (signal) => {
      await abortableSleep(100, signal);
      throw apiError(SieveBadRequestError, 400);
    });
    const done = rejection(runJob(s, limits({ signal: controller.signal })));
    controller.abort(new Error("stop"));
    await vi.advanceTimersByTimeAsync(100);
    expect(await done).toMatchObject({ jobId: undefined, jobMayExist: false });
  });

  it("during the push with cancelOnAbort: false: aborts the push at once", async () => {
    const controller = new AbortController();
    const s = steps(waitForever, (signal) => abortableSleep(60_000, signal).then(() => pushed));
    const done = rejection(runJob(s, limits({ signal: controller.signal, cancelOnAbort: false })));
    controller.abort(new Error("stop"));
    const error = await done;
    expect(error).toMatchObject({ jobId: undefined, jobMayExist: true });
  });

  it("during the wait: cancels the job before rejecting, with the abort reason as cause", async () => {
    const controller = new AbortController();
    const order: string[] = [];
    const s = steps(waitForever);
    s.cancel.mockImplementation(async () => order.push("cancel"));
    const done = rejection(runJob(s, limits({ signal: controller.signal }))).then((e) => {
      order.push("reject");
      return e;
    });
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new Error("stop"));
    const error = await done;
    expect(order).toEqual(["cancel", "reject"]);
    expect(error).toMatchObject({ reason: "aborted", jobId: "job-1" });
    expect(error.cancellation).toEqual({ status: "cancelled" });
  });

  it("a cancel that fails is reported, not hidden", async () => {
    const controller = new AbortController();
    const s = steps(waitForever);
    const failure = apiError(SieveServerError, 500);
    s.cancel.mockRejectedValue(failure);
    const done = rejection(runJob(s, limits({ signal: controller.signal })));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new Error("stop"));
    const error = await done;
    expect(error.cancellation).toEqual({ status: "failed", error: failure });
    expect(error.message).toContain("could not cancel job job-1");
    expect(error.message).toContain("may still be running");
  });

  it("a cancel refused because the job had already ended says so, not 'may still be running'", async () => {
    const controller = new AbortController();
    const s = steps(waitForever);
    s.cancel.mockRejectedValue(apiError(SieveBadRequestError, 400));
    s.read.mockResolvedValue(makeJob("finished"));
    const done = rejection(runJob(s, limits({ signal: controller.signal })));
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new Error("stop"));
    const error = await done;
    expect(error.cancellation).toEqual({ status: "already-ended", jobStatus: "finished" });
    expect(error.message).toContain("job job-1 had already ended (finished)");
    expect(error.message).not.toContain("may still be running");
    expect(s.read).toHaveBeenCalledWith("job-1");
  });

  it("a push stopped mid-flight is never sent again: push gets the stop as stopRetrying", async () => {
    const controller = new AbortController();
    let stopRetrying: AbortSignal | undefined;
    const s = steps(waitForever, async (signal, stop) => {
      stopRetrying = stop;
      await abortableSleep(100, signal);
      throw apiError(SieveBadRequestError, 429);
    });
    const done = rejection(runJob(s, limits({ signal: controller.signal })));
    controller.abort(new Error("stop"));
    expect(stopRetrying?.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(100);
    expect(await done).toMatchObject({ jobMayExist: false });
    expect(s.push).toHaveBeenCalledOnce();
  });

  it("timeoutMs covers the push and the wait, and ends in a cancelled job", async () => {
    const s = steps(
      (_id, signal, timeoutMs) =>
        abortableSleep(timeoutMs ?? 0, signal).then(() => {
          throw new SieveWaitTimeoutError("job-1", makeJob("processing"), timeoutMs ?? 0);
        }),
      async (signal) => abortableSleep(400, signal).then(() => pushed),
    );
    const done = rejection(runJob(s, limits({ timeoutMs: 1_000 })));
    await vi.advanceTimersByTimeAsync(400);
    expect(s.wait).toHaveBeenCalledWith("job-1", expect.any(AbortSignal), 600);
    await vi.advanceTimersByTimeAsync(600);
    const error = await done;
    expect(error).toMatchObject({ reason: "timeout", jobId: "job-1" });
    expect(error.cause).toBeInstanceOf(SieveWaitTimeoutError);
    expect(error.cancellation).toEqual({ status: "cancelled" });
  });

  it("a timeout during the push waits for the push's answer, then cancels", async () => {
    const s = steps(waitForever, (signal) => abortableSleep(1_500, signal).then(() => pushed));
    const done = rejection(runJob(s, limits({ timeoutMs: 1_000 })));
    await vi.advanceTimersByTimeAsync(1_500);
    const error = await done;
    expect(error).toMatchObject({ reason: "timeout", jobId: "job-1" });
    expect(s.cancel).toHaveBeenCalledWith("job-1");
  });

  it("an onStatus that throws cancels the job; the cause is the SieveCallbackError", async () => {
    const thrown = new SieveCallbackError("onStatus", "job-1", new Error("db down"));
    const s = steps(async () => {
      throw thrown;
    });
    const error = await rejection(runJob(s, limits()));
    expect(error).toMatchObject({ reason: "callback", jobId: "job-1", cause: thrown });
    expect(s.cancel).toHaveBeenCalledWith("job-1");
  });

  it("a poll that fails for good (a bug, a 401) cancels the job and says so", async () => {
    const bug = new TypeError("agent.request is not a function");
    const s = steps(async () => {
      throw bug;
    });
    const error = await rejection(runJob(s, limits()));
    expect(error).toMatchObject({ reason: "error", jobId: "job-1", cause: bug });
    expect(s.cancel).toHaveBeenCalledOnce();
  });

  it("does not cancel with cancelOnAbort: false, and says why", async () => {
    const s = steps(async () => {
      throw new SieveWaitTimeoutError("job-1", undefined, 1_000);
    });
    const error = await rejection(runJob(s, limits({ cancelOnAbort: false })));
    expect(error.cancellation).toEqual({
      status: "not-attempted",
      reason: "cancelOnAbort is false",
    });
    expect(s.cancel).not.toHaveBeenCalled();
  });

  it("a job that failed by itself rejects as it is, with no cancel", async () => {
    const failed = new SieveJobFailedError(makeJob("error") as Job);
    const s = steps(async () => {
      throw failed;
    });
    await expect(runJob(s, limits())).rejects.toBe(failed);
    expect(s.cancel).not.toHaveBeenCalled();
  });

  it("leaves no timer behind", async () => {
    const s = steps(async () => makeJob("finished"));
    await runJob(s, limits({ timeoutMs: 60_000 }));
    expect(vi.getTimerCount()).toBe(0);
  });
});
