/** `parseRetryAfter` alone: `retry-after-ms`, then `Retry-After` in seconds or as an HTTP date. */
import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "../../../src/core/http/retry-after.js";

const NOW = Date.parse("2025-01-01T00:00:00.000Z");
const parse = (headers: Record<string, string>) => parseRetryAfter(new Headers(headers), NOW);

describe("parseRetryAfter", () => {
  it("reads retry-after-ms first", () => {
    expect(parse({ "retry-after-ms": "1500", "retry-after": "9" })).toBe(1_500);
    expect(parse({ "retry-after-ms": "0" })).toBe(0);
    expect(parse({ "retry-after-ms": "12.5" })).toBe(12.5);
  });

  it("falls back to Retry-After when retry-after-ms is unreadable", () => {
    expect(parse({ "retry-after-ms": "soon", "retry-after": "2" })).toBe(2_000);
    expect(parse({ "retry-after-ms": "-1", "retry-after": "2" })).toBe(2_000);
    expect(parse({ "retry-after-ms": " ", "retry-after": "2" })).toBe(2_000);
  });

  it("reads Retry-After as seconds", () => {
    expect(parse({ "retry-after": "3" })).toBe(3_000);
    expect(parse({ "retry-after": "0" })).toBe(0);
    expect(parse({ "retry-after": "1.5" })).toBe(1_500);
  });

  it("reads Retry-After as an HTTP date, counted from now", () => {
    expect(parse({ "retry-after": "Wed, 01 Jan 2025 00:00:30 GMT" })).toBe(30_000);
  });

  it("gives 0 for an HTTP date in the past", () => {
    expect(parse({ "retry-after": "Tue, 31 Dec 2024 23:00:00 GMT" })).toBe(0);
  });

  it("defaults now to Date.now()", () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    const ms = parseRetryAfter(new Headers({ "retry-after": inTenSeconds }));
    expect(ms).toBeGreaterThan(8_000);
    expect(ms).toBeLessThanOrEqual(10_000);
  });

  it.each([[{}], [{ "retry-after": "" }], [{ "retry-after": "-3" }], [{ "retry-after": "later" }]])(
    "gives undefined for %j",
    (headers) => {
      expect(parse(headers)).toBeUndefined();
    },
  );
});
