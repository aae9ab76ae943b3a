import { describe, expect, it, vi } from "vitest";
import type { FunctionIO, Job } from "../../../generated/sieve.js";
import { SieveConnectionError } from "../../../src/core/errors/sieve-connection-error.js";
import { SieveJobCancelledError } from "../../../src/core/errors/sieve-job-cancelled-error.js";
import { SieveJobFailedError } from "../../../src/core/errors/sieve-job-failed-error.js";
import type { JobReader } from "../../../src/resources/jobs/job-reader.js";
import { streamOutputs } from "../../../src/resources/jobs/stream-outputs.js";
import { useFakeClock } from "../../support/timers.js";
import { makeJob, makeOutput } from "../../support/job-fixtures.js";

/**
 * A fake server: the job's full output list grows over time; each read returns the outputs
 * after `offset`, as `GET /jobs/{id}?offset=N` does.
 */
function growingJob(timeline: Array<{ status: Job["status"]; outputs: FunctionIO[] } | Error>) {
  const offsets: Array<number | undefined> = [];
  const read = vi.fn<JobReader>(async (_id, offset) => {
    offsets.push(offset);
    const state = timeline.length > 1 ? timeline.shift() : timeline[0];
    if (state instanceof Error) throw state;
    return makeJob(state!.status, state!.outputs.slice(offset ?? 0));
  });
  return { read, offsets };
}

const schedule = { intervalMs: 100, maxIntervalMs: 400 };
const [a, b, c] = [makeOutput("a"), makeOutput("b"), makeOutput("c")];

async function collect(iterable: AsyncIterable<FunctionIO>): Promise<unknown[]> {
  const seen: unknown[] = [];
  for await (const output of iterable) seen.push(output.data);
  return seen;
}

useFakeClock(0, 0);

describe("streamOutputs", () => {
  it("yields each output exactly once, in order, asking only for unseen ones", async () => {
    const { read, offsets } = growingJob([
      { status: "queued", outputs: [] },
      { status: "processing", outputs: [a] },
      { status: "processing", outputs: [a] },
      { status: "processing", outputs: [a, b] },
      { status: "finished", outputs: [a, b, c] },
    ]);
    const seen = collect(streamOutputs(read, "job-1", schedule, undefined));
    await vi.runAllTimersAsync();
    expect(await seen).toEqual(["a", "b", "c"]);
    expect(offsets).toEqual([0, 0, 1, 1, 2]);
  });

  it("loses and repeats nothing when a poll fails midway", async () => {
    const reset = new SieveConnectionError("reset", { method: "GET", url: "u" });
    const { read } = growingJob([
      { status: "processing", outputs: [a] },
      reset,
      reset,
      { status: "processing", outputs: [a, b] },
      reset,
      { status: "finished", outputs: [a, b, c] },
    ]);
    const seen = collect(streamOutputs(read, "job-1", schedule, undefined));
    await vi.runAllTimersAsync();
    expect(await seen).toEqual(["a", "b", "c"]);
  });

  it("polls fast again after a new output, backs off while idle", async () => {
    const times: number[] = [];
    const { read } = growingJob([
      { status: "processing", outputs: [] },
      { status: "processing", outputs: [] },
      { status: "processing", outputs: [] },
      { status: "processing", outputs: [a] },
      { status: "finished", outputs: [a] },
    ]);
    read.mockImplementation(
      (
        (impl) =>
        async (...args: Parameters<JobReader>) => {
          times.push(Date.now());
          return impl(...args);
        }
      )(read.getMockImplementation()!),
    );
    const seen = collect(streamOutputs(read, "job-1", schedule, undefined));
    await vi.runAllTimersAsync();
    await seen;
    expect(times).toEqual([0, 150, 375, 713, 813]);
  });

  it("throws SieveJobFailedError after yielding the outputs that came before the failure", async () => {
    const { read } = growingJob([
      { status: "processing", outputs: [a] },
      { status: "error", outputs: [a, b] },
    ]);
    const seen: unknown[] = [];
    const run = (async () => {
      for await (const output of streamOutputs(read, "job-1", schedule, undefined))
        seen.push(output.data);
    })();
    const caught = run.catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    expect(await caught).toBeInstanceOf(SieveJobFailedError);
    expect(seen).toEqual(["a", "b"]);
  });

  it("throws SieveJobCancelledError for a cancelled job", async () => {
    const { read } = growingJob([{ status: "cancelled", outputs: [] }]);
    await expect(collect(streamOutputs(read, "job-1", schedule, undefined))).rejects.toBeInstanceOf(
      SieveJobCancelledError,
    );
  });

  it("stops at once on abort, and a break stops polling", async () => {
    const controller = new AbortController();
    const { read } = growingJob([{ status: "processing", outputs: [a, b] }]);
    for await (const output of streamOutputs(read, "job-1", schedule, controller.signal)) {
      expect(output.data).toBe("a");
      break;
    }
    expect(read).toHaveBeenCalledTimes(1);
    const stream = streamOutputs(read, "job-1", schedule, controller.signal);
    const caught = collect(stream).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort(new Error("stop"));
    expect(await caught).toEqual(new Error("stop"));
    expect(vi.getTimerCount()).toBe(0);
  });
});
