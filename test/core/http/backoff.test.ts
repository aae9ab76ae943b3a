/** `backoffDelay` alone: 0.5 s × 2^retry, capped at 8 s, less up to 25 % of jitter. */
import { describe, expect, it, vi } from "vitest";
import { backoffDelay } from "../../../src/core/http/backoff.js";

describe("backoffDelay", () => {
  it.each([
    [0, 500],
    [1, 1_000],
    [2, 2_000],
    [3, 4_000],
    [4, 8_000],
    [5, 8_000],
    [30, 8_000],
  ])("retry %i waits %i ms without jitter", (retry, ms) => {
    expect(backoffDelay(retry, () => 0)).toBe(ms);
  });

  it.each([
    [0, 1, 375],
    [4, 1, 6_000],
    [0, 0.5, 438],
    [1, 0.5, 875],
    [3, 0.1, 3_900],
    [10, 0.999, 6_002],
  ])("retry %i with random %f waits %i ms", (retry, random, ms) => {
    expect(backoffDelay(retry, () => random)).toBe(ms);
  });

  it("uses Math.random by default", () => {
    const random = vi.spyOn(Math, "random").mockReturnValue(1);
    try {
      expect(backoffDelay(2)).toBe(1_500);
      expect(random).toHaveBeenCalledTimes(1);
    } finally {
      random.mockRestore();
    }
  });

  it("stays between 75 % and 100 % of the base delay for any draw", () => {
    for (let retry = 0; retry < 8; retry++) {
      const base = Math.min(500 * 2 ** retry, 8_000);
      for (const random of [0, 0.25, 0.5, 0.75, 0.9999]) {
        const delay = backoffDelay(retry, () => random);
        expect(delay).toBeGreaterThanOrEqual(base * 0.75);
        expect(delay).toBeLessThanOrEqual(base);
        expect(Number.isInteger(delay)).toBe(true);
      }
    }
  });
});
