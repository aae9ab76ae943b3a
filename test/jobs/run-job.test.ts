import { describe, expect, it, vi } from "vitest";
import { SieveWaitTimeoutError } from "../../src/errors/sieve-wait-timeout-error.js";
import { runJob, type RunSteps } from "../../src/jobs/run-job.js";
import { makeJob } from "../support/job-fixtures.js";

const pushed = {
  id: "job-1",
  run_id: "r",
  stream_output: false,
  status: "queued" as const,
  organization_id: "o",
  model_id: "m",
  workflow_id: null,
};

function steps(
  wait: RunSteps["wait"],
): RunSteps & { [K in keyof RunSteps]: ReturnType<typeof vi.fn> } {
  return {
    push: vi.fn(async () => pushed),
    wait: vi.fn(wait),
    cancel: vi.fn(async () => ({ message: "cancelled" })),
  } as never;
}

describe("runJob", () => {
  it("pushes then waits, and resolves with the finished job", async () => {
    const s = steps(async () => makeJob("finished"));
    await expect(runJob(s, { signal: undefined, cancelOnAbort: true })).resolves.toMatchObject({
      status: "finished",
    });
    expect(s.wait).toHaveBeenCalledWith("job-1");
    expect(s.cancel).not.toHaveBeenCalled();
  });

  it("cancels the job before rejecting on abort", async () => {
    const controller = new AbortController();
    const order: string[] = [];
    const s = steps(async () => {
      controller.abort(new Error("stop"));
      throw new Error("stop");
    });
    s.cancel.mockImplementation(async () => order.push("cancel"));
    const done = runJob(s, { signal: controller.signal, cancelOnAbort: true }).catch(
      (e: unknown) => {
        order.push("reject");
        return e;
      },
    );
    expect(await done).toEqual(new Error("stop"));
    expect(order).toEqual(["cancel", "reject"]);
  });

  it("cancels on a wait timeout, and ignores a failed cancel", async () => {
    const s = steps(async () => {
      throw new SieveWaitTimeoutError("job-1", makeJob("processing"), 1_000);
    });
    s.cancel.mockRejectedValue(new Error("network down"));
    await expect(runJob(s, { signal: undefined, cancelOnAbort: true })).rejects.toBeInstanceOf(
      SieveWaitTimeoutError,
    );
    expect(s.cancel).toHaveBeenCalledWith("job-1");
  });

  it("does not cancel with cancelOnAbort: false, nor when the job itself failed", async () => {
    const timedOut = steps(async () => {
      throw new SieveWaitTimeoutError("job-1", undefined, 1_000);
    });
    await expect(runJob(timedOut, { signal: undefined, cancelOnAbort: false })).rejects.toThrow();
    expect(timedOut.cancel).not.toHaveBeenCalled();
    const failed = steps(async () => {
      throw new Error("job failed");
    });
    await expect(runJob(failed, { signal: undefined, cancelOnAbort: true })).rejects.toThrow(
      "job failed",
    );
    expect(failed.cancel).not.toHaveBeenCalled();
  });

  it("sends nothing when the signal is already aborted", async () => {
    const s = steps(async () => makeJob("finished"));
    await expect(
      runJob(s, { signal: AbortSignal.abort(), cancelOnAbort: true }),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(s.push).not.toHaveBeenCalled();
  });
});
