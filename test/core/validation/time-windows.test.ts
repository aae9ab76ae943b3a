/** The time conversions alone: `toPosixTime`, `toMinuteTime` and their windows. */
import { describe, expect, it } from "vitest";
import { SieveInputError } from "../../../src/index.js";
import { checkMinuteWindow, toMinuteTime } from "../../../src/core/validation/minute-time.js";
import { checkTimeWindow, toPosixTime } from "../../../src/core/validation/posix-time.js";

describe("toPosixTime", () => {
  it.each([
    ["a Date with milliseconds: float seconds", new Date(1734226919195), 1734226919.195],
    ["a Date on a whole second: nanoseconds", new Date(1734226919000), 1734226919e9],
    ["the epoch", new Date(0), 0],
    ["float seconds: as given", 1734226919.5, 1734226919.5],
    ["whole seconds: nanoseconds", 1734226919, 1734226919e9],
    ["nanoseconds: as given", 1734226919195000000, 1734226919195000000],
    ["nothing", undefined, undefined],
  ])("converts %s", (_what, value, sent) => {
    expect(toPosixTime("t", value)).toBe(sent);
  });

  it("writes a whole-second time as the exact integer of nanoseconds", () => {
    expect(String(toPosixTime("t", new Date("2024-12-15T01:41:59Z")))).toBe("1734226919000000000");
    expect(String(toPosixTime("t", 1734226919))).toBe("1734226919000000000");
  });

  it.each([
    ["milliseconds", 1734226919195, "milliseconds?"],
    ["an invalid Date", new Date(Number.NaN), "Invalid Date"],
    ["a Date before 1970", new Date(-1), "before 1970"],
    ["a negative number", -5, "got -5"],
    ["Infinity", Infinity, "got Infinity"],
    ["a string", "1734226919", 'got "1734226919"'],
    ["null", null, "got null"],
  ])("refuses %s", (_what, value, message) => {
    expect(() => toPosixTime("params.startTime", value)).toThrow(SieveInputError);
    expect(() => toPosixTime("params.startTime", value)).toThrow(message);
  });

  it("compares the ends of a window whatever their unit", () => {
    const fields = { start: "a", end: "b" };
    expect(checkTimeWindow(fields, 1734226919.5, 1734226920e9)).toEqual({
      start: 1734226919.5,
      end: 1734226920e9,
    });
    expect(checkTimeWindow(fields, 10.5, 10.5)).toEqual({ start: 10.5, end: 10.5 });
    expect(() => checkTimeWindow(fields, 1734226920e9, 1734226919.5)).toThrow(
      "Invalid b: must not be before a",
    );
    expect(checkTimeWindow(fields, undefined, 5.5)).toEqual({ start: undefined, end: 5.5 });
  });
});

describe("toMinuteTime", () => {
  it("writes a Date as YYYY-MM-DDTHH:MM in UTC, cut to its minute", () => {
    expect(toMinuteTime("t", new Date("2026-03-01T23:59:59.999Z"))).toBe("2026-03-01T23:59");
    expect(toMinuteTime("t", new Date("2026-03-01T10:00:00+02:00"))).toBe("2026-03-01T08:00");
  });

  it("keeps a string of that form that names a real minute", () => {
    expect(toMinuteTime("t", "2024-02-29T00:00")).toBe("2024-02-29T00:00");
    expect(toMinuteTime("t", undefined)).toBeUndefined();
  });

  it.each([
    ["2025-02-29T00:00"],
    ["2026-13-01T00:00"],
    ["2026-03-01T10:60"],
    ["2026-03-01T10:00Z"],
    ["2026-03-01"],
    [new Date(Number.NaN)],
    [new Date("+010000-01-01T00:00:00Z")],
    [1772323200],
  ])("refuses %j", (value) => {
    expect(() => toMinuteTime("params.start", value)).toThrow(SieveInputError);
  });

  it("refuses a window that ends before it starts", () => {
    const fields = { start: "s", end: "e" };
    expect(() => checkMinuteWindow(fields, "2026-03-02T00:00", "2026-03-01T00:00")).toThrow(
      "Invalid e: must not be before s",
    );
    expect(checkMinuteWindow(fields, "2026-03-01T00:00", "2026-03-01T00:00")).toEqual({
      start: "2026-03-01T00:00",
      end: "2026-03-01T00:00",
    });
  });
});
