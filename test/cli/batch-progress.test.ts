/**
 * `batch`'s progress on stderr, without a process: the bar as a pure function of its counts
 * (rate and ETA from a rate meter on a fake clock), and the view that draws it: throttled on a
 * terminal, one line per result elsewhere.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createRateMeter,
  formatEta,
  renderProgressBar,
  timeLeftMs,
  type ProgressBarState,
} from "../../src/cli/lib/progress-bar.js";
import { startBatchView } from "../../src/cli/commands/batch/batch-view.js";
import type { ResultRecord } from "../../src/cli/commands/batch/result-record.js";
import type { Screen } from "../../src/cli/lib/screen.js";
import { SieveError, type BatchProgress } from "../../src/node.js";

const state = (over: Partial<ProgressBarState> = {}): ProgressBarState => ({
  total: 100,
  queued: 50,
  running: 10,
  finished: 36,
  failed: 3,
  cancelled: 1,
  elapsedMs: 9_600,
  ratePerSecond: 4.2,
  etaMs: 14_300,
  ...over,
});

describe("renderProgressBar", () => {
  it("shows the bar, each count, the rate, the time left and the time elapsed", () => {
    expect(renderProgressBar(state())).toBe(
      `[${"█".repeat(11)}${"░".repeat(17)}] 40/100  50 queued  10 running  36 finished  3 failed  1 cancelled  4.2 jobs/s  ETA 15s  9.6s`,
    );
  });

  it("says the rate and time left are unknown before any job ended", () => {
    const line = renderProgressBar(state({ ratePerSecond: undefined, etaMs: undefined }));
    expect(line).toContain("  - jobs/s  ETA -  9.6s");
  });

  it("fills the bar at the end, and an empty batch counts as done", () => {
    const done = state({ queued: 0, running: 0, finished: 96, failed: 3, cancelled: 1 });
    expect(renderProgressBar(done)).toMatch(/^\[█{28}\] 100\/100 /);
    const empty = state({ total: 0, queued: 0, running: 0, finished: 0, failed: 0, cancelled: 0 });
    expect(renderProgressBar(empty)).toMatch(/^\[█{28}\] 0\/0 /);
  });

  it("fits a terminal: a narrower bar, no bar, no elapsed time, a shorter rate, then cut", () => {
    const text = renderProgressBar(state(), 1_000).replace(/^\[[█░]+\] /, "");
    expect(text).toBe(
      "40/100  50 queued  10 running  36 finished  3 failed  1 cancelled  4.2 jobs/s  ETA 15s  9.6s",
    );
    const narrow = renderProgressBar(state(), text.length + 15);
    expect(narrow).toBe(`[${"█".repeat(4)}${"░".repeat(7)}] ${text}`);
    expect(narrow).toHaveLength(text.length + 14);
    expect(renderProgressBar(state(), text.length + 5)).toBe(text);
    expect(renderProgressBar(state(), text.length)).toBe(text.replace(/  9\.6s$/, ""));
    expect(renderProgressBar(state(), text.length - 7)).toBe(
      "40/100  50 queued  10 running  36 finished  3 failed  1 cancelled  4.2/s  ETA 15s",
    );
    const cut = renderProgressBar(state(), 40);
    expect(cut).toBe("40/100  50 queued  10 running  36 fini…");
  });

  it("writes rates under 10 with a decimal, larger ones whole, and ETAs to the second", () => {
    expect(renderProgressBar(state({ ratePerSecond: 0.25 }))).toContain(" 0.3 jobs/s ");
    expect(renderProgressBar(state({ ratePerSecond: 37.6 }))).toContain(" 38 jobs/s ");
    expect([0, 1, 999, 59_001, 64_000, 3_600_000 + 5_000].map(formatEta)).toEqual([
      "0s",
      "1s",
      "1s",
      "1m00s",
      "1m04s",
      "1h00m05s",
    ]);
  });
});

describe("createRateMeter on a fake clock", () => {
  it("is unknown before the first event, then counts over at least one second", () => {
    const meter = createRateMeter(1_000);
    expect(meter.rate(1_500)).toBeUndefined();
    meter.record(1_200);
    expect(meter.rate(1_300)).toBe(1);
    meter.record(1_400);
    meter.record(1_400);
    expect(meter.rate(3_000)).toBe(1.5);
  });

  it("counts only the last window once the meter is older than it", () => {
    const meter = createRateMeter(0, 10_000);
    for (let at = 0; at < 5_000; at += 100) meter.record(at); // 50 early, fast
    expect(meter.rate(5_000)).toBe(10);
    meter.record(14_000);
    meter.record(14_500);
    // At 15 s the window is 5-15 s: the two late events, over 10 s.
    expect(meter.rate(15_000)).toBe(0.2);
    expect(meter.rate(30_000)).toBeUndefined();
  });

  it("gives the time left at that rate", () => {
    expect(timeLeftMs(10, 4)).toBe(2_500);
    expect(timeLeftMs(10, undefined)).toBeUndefined();
    expect(timeLeftMs(10, 0)).toBeUndefined();
    expect(timeLeftMs(0, undefined)).toBe(0);
  });
});

function recordingScreen() {
  const calls: Array<["status" | "err" | "end", string]> = [];
  const screen: Screen = {
    out: () => undefined,
    err: (line) => void calls.push(["err", line]),
    status: (line) => void calls.push(["status", line]),
    endStatus: () => void calls.push(["end", ""]),
  };
  return { screen, calls };
}

const progress = (over: Partial<BatchProgress>): BatchProgress => ({
  queued: 0,
  running: 0,
  finished: 0,
  failed: 0,
  cancelled: 0,
  concurrency: 4,
  concurrencySource: "account",
  ...over,
});

const record = (index: number, over: Partial<ResultRecord> = {}): ResultRecord => ({
  index,
  outcome: "finished",
  jobId: `job-${index}`,
  jobMayExist: true,
  resumed: false,
  ...over,
});

describe("startBatchView", () => {
  afterEach(() => vi.useRealTimers());

  it("on a terminal, redraws at most every 100 ms, only when the line changed, and finalizes", () => {
    vi.useFakeTimers({ now: 0 });
    const { screen, calls } = recordingScreen();
    const view = startBatchView(screen, { tty: true, now: Date.now, total: 10 });
    expect(calls).toEqual([["status", expect.stringMatching(/ 0\/10  10 queued  0 running /)]]);
    for (let running = 1; running <= 4; running++) view.progress(progress({ running }));
    expect(calls).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(calls).toHaveLength(2);
    expect(calls[1]?.[1]).toMatch(/ 0\/10  6 queued  4 running .* 0\.1s$/);

    view.result(record(0));
    view.result(record(1, { outcome: "failed", error: { name: "E", message: "boom" } }));
    view.progress(progress({ running: 2 }));
    expect(calls.slice(2)).toEqual([["err", "item 1  failed     job job-1: boom"]]);
    vi.advanceTimersByTime(1_000);
    const draws = calls.filter(([kind]) => kind === "status");
    expect(draws).toHaveLength(2 + 10);
    expect(draws.at(-1)?.[1]).toMatch(
      / 2\/10  6 queued  2 running  1 finished  1 failed  0 cancelled  1\.8 jobs\/s  ETA 5s  1\.1s$/,
    );

    view.stop();
    view.stop();
    expect(calls.slice(-2)).toEqual([
      ["status", expect.any(String)],
      ["end", ""],
    ]);
    const before = calls.length;
    vi.advanceTimersByTime(1_000);
    expect(calls).toHaveLength(before);
  });

  it("elsewhere, writes one line per result and nothing else, without control characters", () => {
    const { screen, calls } = recordingScreen();
    const view = startBatchView(screen, { tty: false, now: Date.now, total: 12 });
    view.progress(progress({ running: 3 }));
    view.result(record(3, { resumed: true }));
    const error = { name: "SieveJobFailedError", message: "Job j failed:\n\x1b[31mred\x1b[0m\r" };
    view.result(record(11, { outcome: "failed", jobId: "j", error }));
    view.result(record(2, { outcome: "ambiguous", jobId: null, error: { message: "may exist" } }));
    view.result(record(4, { outcome: "cancelled", jobId: null, jobMayExist: false }));
    view.stop();
    expect(calls).toEqual([
      ["err", "item  3  finished   job job-3 (resumed)"],
      ["err", "item 11  failed     job j: Job j failed: [31mred [0m"],
      ["err", "item  2  ambiguous  job unknown: may exist"],
      ["err", "item  4  cancelled  no job"],
    ]);
    for (const [, line] of calls) expect(line).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it("says once when the organization's limit could not be read", () => {
    const { screen, calls } = recordingScreen();
    const view = startBatchView(screen, { tty: false, now: Date.now, total: 1 });
    const fallback = progress({
      concurrency: 10,
      concurrencySource: "fallback",
      concurrencyError: new SieveError("403 GET /user/concurrency: Forbidden"),
    });
    view.progress(fallback);
    view.progress(fallback);
    expect(calls).toEqual([
      [
        "err",
        "could not read the organization's concurrency limit (403 GET /user/concurrency: Forbidden); running 10 at once",
      ],
    ]);
  });
});
