import { describe, expect, it } from "vitest";
import { formatElapsed, renderStatusLine } from "../../src/cli/lib/status-line.js";

describe("formatElapsed", () => {
  it.each([
    [0, "0.0s"],
    [-5, "0.0s"],
    [99, "0.0s"],
    [1_250, "1.2s"],
    [59_999, "59.9s"],
    [60_000, "1m00s"],
    [125_400, "2m05s"],
    [3_599_999, "59m59s"],
    [3_725_000, "1h02m05s"],
    [36_000_000, "10h00m00s"],
  ])("%i ms -> %s", (ms, text) => {
    expect(formatElapsed(ms)).toBe(text);
  });
});

describe("renderStatusLine", () => {
  it("aligns status and elapsed time in columns, then the job id", () => {
    expect(renderStatusLine({ status: "queued", elapsedMs: 300, jobId: "3f1c" })).toBe(
      "queued        0.3s  job 3f1c",
    );
    expect(renderStatusLine({ status: "processing", elapsedMs: 65_000, jobId: "3f1c" })).toBe(
      "processing   1m05s  job 3f1c",
    );
    expect(renderStatusLine({ status: "pushing", elapsedMs: 0 })).toBe("pushing       0.0s");
  });

  it("cuts the line to one less than the terminal's width, never wraps", () => {
    const state = { status: "processing", elapsedMs: 1_000, jobId: "0b2c7e3a-2d9c-4a6e" };
    const full = renderStatusLine(state);
    expect(renderStatusLine(state, full.length + 1)).toBe(full);
    const cut = renderStatusLine(state, 20);
    expect(cut).toHaveLength(19);
    expect(cut).toBe(`${full.slice(0, 18)}…`);
    expect(renderStatusLine(state, 0)).toBe(full);
  });
});
