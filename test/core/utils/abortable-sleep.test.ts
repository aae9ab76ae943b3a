/** `abortableSleep` alone: waits exactly, or rejects the moment the signal aborts. */
import { describe, expect, it, vi } from "vitest";
import { abortableSleep } from "../../../src/core/utils/abortable-sleep.js";
import { rejectionOf } from "../../support/fake-fetch.js";
import { track, useFakeClock } from "../../support/timers.js";

useFakeClock();

describe("abortableSleep", () => {
  it("resolves after exactly ms, leaving no timer and no listener", async () => {
    const controller = new AbortController();
    const remove = vi.spyOn(controller.signal, "removeEventListener");
    const state = track(abortableSleep(1_500, controller.signal));

    await vi.advanceTimersByTimeAsync(1_499);
    expect(state.settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);

    expect(state.settled).toBe(true);
    expect(vi.getTimerCount()).toBe(0);
    expect(remove).toHaveBeenCalledWith("abort", expect.any(Function));
  });

  it("works without a signal", async () => {
    const state = track(abortableSleep(10));
    await vi.advanceTimersByTimeAsync(10);
    expect(state.settled).toBe(true);
  });

  it("rejects with the reason the moment the signal aborts, and clears its timer", async () => {
    const controller = new AbortController();
    const outcome = rejectionOf(abortableSleep(60_000, controller.signal));
    await vi.advanceTimersByTimeAsync(100);

    controller.abort(new Error("stop"));

    expect(await outcome).toEqual(new Error("stop"));
    expect(vi.getTimerCount()).toBe(0);
  });

  it("rejects at once, starting no timer, when the signal is already aborted", async () => {
    const outcome = rejectionOf(abortableSleep(60_000, AbortSignal.abort()));
    expect(vi.getTimerCount()).toBe(0);
    expect(await outcome).toMatchObject({ name: "AbortError" });
  });
});
