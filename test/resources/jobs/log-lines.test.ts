/** The lines of logs answers: flattened and ordered (`logLines`), then each kept once (`createLogFilter`). */
import { describe, expect, it } from "vitest";
import type { LogsResponse } from "../../../generated/sieve.js";
import { createLogFilter, logLines } from "../../../src/resources/jobs/log-lines.js";
import type { JobLogLine } from "../../../src/resources/jobs/log-types.js";

const answer = (groups: Array<[stage: string, lines: Array<[string, string]>]>): LogsResponse => ({
  data: groups.map(([stage, lines]) => ({
    labels: { stage, run_id: "run-1" },
    logs: lines.map(([timestamp, message]) => ({ timestamp, message })),
  })),
  next_start_time: 0,
  last_time_returned: "",
});
const messages = (lines: JobLogLine[]) => lines.map((line) => line.message);

describe("logLines", () => {
  it("flattens the groups, each line with its labels, oldest first", () => {
    const lines = logLines(
      answer([
        [
          "run",
          [
            ["2024-12-15T01:42:00.5Z", "r1"],
            ["2024-12-15T01:42:02.000001Z", "r2"],
          ],
        ],
        [
          "setup",
          [
            ["2024-12-15T01:42:00.25Z", "s1"],
            ["2024-12-15T01:42:01Z", "s2"],
          ],
        ],
      ]),
    );
    expect(messages(lines)).toEqual(["s1", "r1", "s2", "r2"]);
    expect(lines[0]).toEqual({
      stage: "setup",
      run_id: "run-1",
      timestamp: "2024-12-15T01:42:00.25Z",
      message: "s1",
    });
  });

  it("orders fractions of other widths as times, and keeps the order of lines of one time", () => {
    const lines = logLines(
      answer([
        [
          "run",
          [
            ["2024-12-15T01:42:00.100000Z", "b"],
            ["2024-12-15T01:42:00.1Z", "c"],
          ],
        ],
        ["setup", [["2024-12-15T01:42:00.09Z", "a"]]],
      ]),
    );
    expect(messages(lines)).toEqual(["a", "b", "c"]);
  });
});

describe("createLogFilter", () => {
  const line = (timestamp: string, message: string, stage = "run"): JobLogLine => ({
    stage,
    timestamp,
    message,
  });

  it("drops lines already kept at the newest time, and older ones", () => {
    const fresh = createLogFilter();
    expect(messages(fresh([line("T1", "a"), line("T2", "b")]))).toEqual(["a", "b"]);
    expect(messages(fresh([line("T1", "a"), line("T2", "b"), line("T2", "c")]))).toEqual(["c"]);
    expect(messages(fresh([line("T2", "c"), line("T3", "c")]))).toEqual(["c"]);
  });

  it("keeps a line written twice in one instant twice, once each", () => {
    const fresh = createLogFilter();
    expect(messages(fresh([line("T1", "tick"), line("T1", "tick")]))).toEqual(["tick", "tick"]);
    expect(messages(fresh([line("T1", "tick"), line("T1", "tick"), line("T1", "tick")]))).toEqual([
      "tick",
    ]);
  });

  it("tells lines of one time apart by stage", () => {
    const fresh = createLogFilter();
    fresh([line("T1", "x", "setup")]);
    expect(messages(fresh([line("T1", "x", "setup"), line("T1", "x", "run")]))).toEqual(["x"]);
  });
});
