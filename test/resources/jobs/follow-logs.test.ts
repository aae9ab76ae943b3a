import { describe, expect, it, vi } from "vitest";
import type { Job, LogsResponse } from "../../../generated/sieve.js";
import { SieveConnectionError } from "../../../src/core/errors/sieve-connection-error.js";
import { SieveNotFoundError } from "../../../src/core/errors/sieve-not-found-error.js";
import { followLogs, type LogsReader } from "../../../src/resources/jobs/follow-logs.js";
import type { JobReader } from "../../../src/resources/jobs/job-reader.js";
import type { JobLogLine } from "../../../src/resources/jobs/log-types.js";
import { makeJob } from "../../support/job-fixtures.js";
import { useFakeClock } from "../../support/timers.js";

/** `makeJob`'s `created_at`, 2026-11-22T10:00:00Z, in nanoseconds. */
const CREATED_NS = Date.UTC(2026, 10, 22, 10) * 1e6;
/** A line written `second` seconds after the job was created. */
type Written = [stage: string, message: string, second: number];
/** One state of the job on the fake server: its status and every line written so far. */
type State = { status: Job["status"]; lines: Written[] } | Error;

const toNs = (time: number) => (time >= 1e15 ? time : Math.round(time * 1e9));

/**
 * A fake server: each job read moves to the next state (staying on the last); each logs read
 * answers the lines of the current state from `start_time` on, grouped by stage as Sieve does,
 * with `next_start_time` the nanosecond of the last line, or just after it (`exact`).
 */
function fakeServer(timeline: State[], { exact = true, logFailures = [] as unknown[] } = {}) {
  let state: State = timeline[0]!;
  const starts: Array<number | undefined> = [];
  const job = vi.fn<JobReader>(async () => {
    state = (timeline.length > 1 ? timeline.shift() : timeline[0])!;
    if (state instanceof Error) throw state;
    return makeJob(state.status);
  });
  const logs = vi.fn<LogsReader>(async (_id, start) => {
    starts.push(start);
    const failure = logFailures.shift();
    if (failure) throw failure;
    if (state instanceof Error) throw new Error("logs read after a failed job read");
    const from = start === undefined ? 0 : toNs(start);
    const lines = state.lines.filter(([, , second]) => CREATED_NS + second * 1e9 >= from);
    const groups = new Map<string, LogsResponse["data"][number]>();
    for (const [stage, message, second] of lines) {
      const group = groups.get(stage) ?? { labels: { stage, run_id: "run-1" }, logs: [] };
      groups.set(stage, group);
      const timestamp = new Date(CREATED_NS / 1e6 + second * 1e3).toISOString();
      group.logs.push({ message, timestamp });
    }
    const last = lines.at(-1);
    const next = last ? CREATED_NS + last[2] * 1e9 + (exact ? 1 : 0) : from;
    return { data: [...groups.values()], next_start_time: next, last_time_returned: "" };
  });
  return { read: { job, logs }, starts };
}

const schedule = { intervalMs: 100, maxIntervalMs: 400 };

async function collect(lines: AsyncIterable<JobLogLine>): Promise<string[]> {
  const seen: string[] = [];
  for await (const line of lines) seen.push(`${line.stage}:${line.message}`);
  return seen;
}

/** Runs the follow to its end on the fake clock; resolves to `stage:message` of each line. */
async function followAll(read: ReturnType<typeof fakeServer>["read"]): Promise<string[]> {
  const seen = collect(followLogs(read, "job-1", schedule, undefined));
  await vi.runAllTimersAsync();
  return seen;
}

useFakeClock(0, 0);

describe("followLogs", () => {
  it("yields each line once, in time order across stages, asking only for newer ones", async () => {
    const { read, starts } = fakeServer([
      { status: "queued", lines: [] },
      {
        status: "processing",
        lines: [
          ["import", "i", 1],
          ["setup", "s", 2],
        ],
      },
      {
        status: "processing",
        lines: [
          ["import", "i", 1],
          ["setup", "s", 2],
          ["run", "r1", 3],
        ],
      },
      {
        status: "finished",
        lines: [
          ["import", "i", 1],
          ["setup", "s", 2],
          ["run", "r1", 3],
          ["run", "r2", 4],
        ],
      },
    ]);
    expect(await followAll(read)).toEqual(["import:i", "setup:s", "run:r1", "run:r2"]);
    // The first read starts at the job's creation (whole second: nanoseconds), then each at
    // the previous answer's next_start_time.
    expect(starts.slice(0, 4)).toEqual([
      CREATED_NS,
      CREATED_NS,
      CREATED_NS + 2e9 + 1,
      CREATED_NS + 3e9 + 1,
    ]);
  });

  it("orders the lines of the groups of one answer by time", async () => {
    const { read } = fakeServer([
      {
        status: "finished",
        lines: [
          ["run", "r1", 1],
          ["setup", "s", 2],
          ["run", "r2", 3],
          ["import", "i", 0],
        ],
      },
    ]);
    expect(await followAll(read)).toEqual(["import:i", "run:r1", "setup:s", "run:r2"]);
  });

  it("does not repeat the last line when next_start_time lands on it (JSON rounds it)", async () => {
    const { read } = fakeServer(
      [
        { status: "processing", lines: [["run", "a", 1]] },
        {
          status: "processing",
          lines: [
            ["run", "a", 1],
            ["run", "b", 2],
          ],
        },
        {
          status: "finished",
          lines: [
            ["run", "a", 1],
            ["run", "b", 2],
            ["run", "b", 3],
          ],
        },
      ],
      { exact: false },
    );
    expect(await followAll(read)).toEqual(["run:a", "run:b", "run:b"]);
  });

  it("reads once more after the job ends, yielding lines that arrive late, then returns", async () => {
    const { read } = fakeServer([
      { status: "processing", lines: [["run", "a", 1]] },
      { status: "finished", lines: [["run", "a", 1]] },
    ]);
    // The line written at the end reaches the logs only after the job is seen finished.
    read.logs.mockImplementation(
      (
        (original) =>
        async (...args: Parameters<LogsReader>) => {
          const answer = await original(...args);
          if (read.logs.mock.calls.length < 3) return answer;
          const late = {
            message: "bye",
            timestamp: new Date(CREATED_NS / 1e6 + 5_000).toISOString(),
          };
          return { ...answer, data: [{ labels: { stage: "run" }, logs: [late] }] };
        }
      )(read.logs.getMockImplementation()!),
    );
    expect(await followAll(read)).toEqual(["run:a", "run:bye"]);
    // Two reads with the job running or just ended, one that brought "bye", one with nothing.
    expect(read.logs).toHaveBeenCalledTimes(4);
    expect(read.job).toHaveBeenCalledTimes(2);
  });

  it.each([["error"], ["cancelled"]] as const)(
    "ends without an error when the job ends %s: its lines are what one reads logs for",
    async (status) => {
      const { read } = fakeServer([{ status, lines: [["run", "Traceback", 1]] }]);
      expect(await followAll(read)).toEqual(["run:Traceback"]);
    },
  );

  it("follows a job through a status it does not know (`started`)", async () => {
    const { read } = fakeServer([
      { status: "started", lines: [["run", "a", 1]] },
      { status: "started", lines: [["run", "a", 1]] },
      {
        status: "finished",
        lines: [
          ["run", "a", 1],
          ["run", "b", 2],
        ],
      },
    ]);
    expect(await followAll(read)).toEqual(["run:a", "run:b"]);
  });

  it("loses and repeats nothing when a job read or a logs read fails", async () => {
    const reset = new SieveConnectionError("reset", { method: "GET", url: "u" });
    const { read } = fakeServer(
      [
        { status: "processing", lines: [["run", "a", 1]] },
        reset,
        {
          status: "processing",
          lines: [
            ["run", "a", 1],
            ["run", "b", 2],
          ],
        },
        {
          status: "finished",
          lines: [
            ["run", "a", 1],
            ["run", "b", 2],
            ["run", "c", 3],
          ],
        },
      ],
      { logFailures: [undefined, reset, undefined] },
    );
    expect(await followAll(read)).toEqual(["run:a", "run:b", "run:c"]);
  });

  it("ends with a failure that is not transient", async () => {
    const notFound = new SieveNotFoundError({
      status: 404,
      method: "GET",
      url: "u",
      body: { detail: "Job not found" },
      headers: {},
    });
    const { read } = fakeServer([notFound]);
    const seen = collect(followLogs(read, "job-1", schedule, undefined)).catch((e: unknown) => e);
    await vi.runAllTimersAsync();
    expect(await seen).toBe(notFound);
  });

  it("polls fast again after a new line, backs off while none comes", async () => {
    const times: number[] = [];
    const { read } = fakeServer([
      { status: "processing", lines: [] },
      { status: "processing", lines: [] },
      { status: "processing", lines: [] },
      { status: "processing", lines: [["run", "a", 1]] },
      { status: "finished", lines: [["run", "a", 1]] },
    ]);
    const job = read.job.getMockImplementation()!;
    read.job.mockImplementation(async (...args) => (times.push(Date.now()), job(...args)));
    await followAll(read);
    expect(times).toEqual([0, 150, 375, 713, 813]);
  });

  it("stops at once on abort", async () => {
    const controller = new AbortController();
    const { read } = fakeServer([{ status: "processing", lines: [["run", "a", 1]] }]);
    const seen = collect(followLogs(read, "job-1", schedule, controller.signal)).catch(
      (e: unknown) => e,
    );
    await vi.advanceTimersByTimeAsync(250);
    controller.abort(new Error("stop"));
    expect(await seen).toEqual(new Error("stop"));
    expect(vi.getTimerCount()).toBe(0);
  });
});
