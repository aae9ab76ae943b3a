import { afterEach, beforeEach, expect, vi } from "vitest";
import { rejectionOf } from "./fake-fetch.js";

/**
 * Fake timers for every test of the file (the clock at `now` when given), and `Math.random`
 * fixed at `random` so that backoff jitter is known (the client reads `Math.random` when it is
 * created: create it in the test).
 */
export function useFakeClock(random = 0, now?: number): void {
  beforeEach(() => {
    vi.useFakeTimers(now === undefined ? undefined : { now });
    vi.spyOn(Math, "random").mockReturnValue(random);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });
}

/**
 * Asserts that the next request goes out exactly `delayMs` after now: none after `delayMs - 1`,
 * one more after the last millisecond.
 */
export async function expectRequestAfter(
  requests: readonly unknown[],
  delayMs: number,
): Promise<void> {
  const before = requests.length;
  if (delayMs > 0) {
    await vi.advanceTimersByTimeAsync(delayMs - 1);
    expect(requests, `no request before ${delayMs} ms`).toHaveLength(before);
  }
  await vi.advanceTimersByTimeAsync(delayMs > 0 ? 1 : 0);
  expect(requests, `a request at ${delayMs} ms`).toHaveLength(before + 1);
}

/** Asserts each wait in turn (see `expectRequestAfter`), then that nothing more is sent. */
export async function expectRetriesAfter(
  requests: readonly unknown[],
  delaysMs: readonly number[],
): Promise<void> {
  await vi.advanceTimersByTimeAsync(0);
  expect(requests).toHaveLength(1);
  for (const delayMs of delaysMs) await expectRequestAfter(requests, delayMs);
  await vi.advanceTimersByTimeAsync(60_000);
  expect(requests).toHaveLength(delaysMs.length + 1);
  expect(vi.getTimerCount()).toBe(0);
}

/** Resolves `promise` into a flag that says whether it has settled yet. */
export function track(promise: Promise<unknown>): { readonly settled: boolean } {
  const state = { settled: false };
  promise.then(
    () => (state.settled = true),
    () => (state.settled = true),
  );
  return state;
}

/**
 * Watches a call that must reject: `rejectsAfter(ms)` asserts it is still pending `ms - 1` ms
 * from now and has rejected at `ms`, and resolves to what it rejected with.
 */
export function watch(call: Promise<unknown>) {
  const rejection = rejectionOf(call);
  const state = track(call);
  return {
    async rejectsAfter(ms: number): Promise<unknown> {
      await vi.advanceTimersByTimeAsync(ms - 1);
      expect(state.settled, `still pending at ${ms - 1} ms`).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(state.settled, `rejected at ${ms} ms`).toBe(true);
      return rejection;
    },
  };
}
