import { describe, expect, it, vi } from "vitest";
import type { EmulatedFunction, Emulator } from "../../src/emulator/index.js";
import { startEmulator } from "../../src/emulator/index.js";
import { api, clientFor, sleep, untilStatus, useEmulators } from "./helpers.js";
import { SieveConfigError } from "../../src/index.js";

const emulators = useEmulators();

const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === "Timeout").length;

/** A function whose jobs run until `release()` is called. */
function gated(): { fn: EmulatedFunction; release: () => void } {
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  return {
    fn: { delayMs: 0, handler: async () => (await gate, "done") },
    release: () => open(),
  };
}

async function push(emu: Emulator, fn: string): Promise<string> {
  return (await clientFor(emu).jobs.push({ function: fn, inputs: {} })).id;
}

/** Resolves once the emulator received `count` await requests. */
const untilHeld = (emu: Emulator, count = 1) =>
  vi.waitFor(() => expect(emu.requests.count({ path: /\/await$/ })).toBe(count), {
    interval: 2,
  });

describe("GET /jobs/{job_id}/await", () => {
  it("answers within a few ms of the job's end, as getJob would, after one request", async () => {
    const { fn, release } = gated();
    const emu = await emulators.start({ functions: { "demo/gated": fn } });
    const id = await push(emu, "demo/gated");
    await untilStatus(emu, id, ["processing"]);
    let endedAt = 0;
    emu.events.on("job", (job) => {
      if (job.id === id && job.completedAt !== null) endedAt = performance.now();
    });

    const held = api(emu, "GET", `/jobs/${id}/await`).then((answer) => ({
      answer,
      at: performance.now(),
    }));
    await untilHeld(emu);
    await sleep(50);
    release();
    const { answer, at } = await held;

    expect(answer).toMatchObject({ status: 200, body: { id, status: "finished" } });
    expect(answer.body).toEqual((await api(emu, "GET", `/jobs/${id}`)).body);
    expect(at - endedAt).toBeLessThan(40);
    expect(emu.requests.count({ path: `/jobs/${id}/await` })).toBe(1);
  });

  it("answers a job that already ended at once, and honours ?offset", async () => {
    const emu = await emulators.start({
      functions: {
        "demo/three": {
          delayMs: 0,
          handler: function* () {
            yield* [1, 2, 3];
          },
        },
      },
    });
    const id = await push(emu, "demo/three");
    await untilStatus(emu, id);
    const started = performance.now();
    const answer = await api(emu, "GET", `/jobs/${id}/await?offset=2`);
    expect(performance.now() - started).toBeLessThan(100);
    expect(answer).toMatchObject({
      status: 200,
      body: { status: "finished", outputs: [{ data: 3 }] },
    });
  });

  it("ends the hold when the job is cancelled", async () => {
    const emu = await emulators.start({ functions: { "demo/gated": gated().fn } });
    const id = await push(emu, "demo/gated");
    const held = api(emu, "GET", `/jobs/${id}/await`);
    await untilHeld(emu);
    await clientFor(emu).jobs.cancel(id);
    expect(await held).toMatchObject({ status: 200, body: { id, status: "cancelled" } });
  });

  it("answers 408 Request timeout. after awaitHoldMs", async () => {
    const emu = await emulators.start({
      functions: { "demo/gated": gated().fn },
      awaitHoldMs: 100,
    });
    const id = await push(emu, "demo/gated");
    const started = performance.now();
    const answer = await api(emu, "GET", `/jobs/${id}/await`);
    const elapsed = performance.now() - started;
    expect(answer).toMatchObject({ status: 408, body: { detail: "Request timeout." } });
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(1_000);
  });

  it("answers 408 for a job longer than the hold, then 200 to the next await", async () => {
    const emu = await emulators.start({
      functions: {
        "demo/long": {
          delayMs: 0,
          handler: () => new Promise((resolve) => setTimeout(() => resolve("late"), 250)),
        },
      },
      awaitHoldMs: 150,
    });
    const id = await push(emu, "demo/long");
    expect(await api(emu, "GET", `/jobs/${id}/await`)).toMatchObject({ status: 408 });
    expect(emu.jobs.get(id)?.completedAt).toBeNull();
    expect(await api(emu, "GET", `/jobs/${id}/await`)).toMatchObject({
      status: 200,
      body: { status: "finished", outputs: [{ data: "late" }] },
    });
  });

  it("frees the hold (its timer, no listener) when the client disconnects", async () => {
    const HOLD_MS = 654_321;
    const setTimer = vi.spyOn(globalThis, "setTimeout");
    const clearTimer = vi.spyOn(globalThis, "clearTimeout");
    try {
      const emu = await emulators.start({
        functions: { "demo/gated": gated().fn },
        awaitHoldMs: HOLD_MS,
      });
      const id = await push(emu, "demo/gated");
      await untilStatus(emu, id, ["processing"]);
      const listeners = emu.events.listenerCount("job");
      const controller = new AbortController();
      const held = fetch(`${emu.url}/jobs/${id}/await`, {
        headers: { "x-api-key": emu.apiKey },
        signal: controller.signal,
      });
      await untilHeld(emu);
      await vi.waitFor(() => expect(setTimer.mock.calls.some((c) => c[1] === HOLD_MS)).toBe(true));
      const index = setTimer.mock.calls.findIndex((call) => call[1] === HOLD_MS);
      const holdTimer = setTimer.mock.results[index]?.value as unknown;
      expect(clearTimer).not.toHaveBeenCalledWith(holdTimer);
      expect(emu.events.listenerCount("job")).toBe(listeners);

      controller.abort();
      await expect(held).rejects.toThrow();
      await vi.waitFor(() => expect(clearTimer).toHaveBeenCalledWith(holdTimer), { interval: 2 });
      expect(emu.events.listenerCount("job")).toBe(listeners);
    } finally {
      setTimer.mockRestore();
      clearTimer.mockRestore();
    }
  });

  it("answers 404 for an unknown job and 422 for a bad offset, without holding", async () => {
    const emu = await emulators.start({ functions: {} });
    expect(await api(emu, "GET", "/jobs/nope/await")).toMatchObject({
      status: 404,
      body: { detail: "Job not found." },
    });
    expect(await api(emu, "GET", "/jobs/nope/await?offset=x")).toMatchObject({ status: 422 });
  });
});

describe("close() with held awaits", () => {
  it("does not wait for them and leaves no timer or listener behind", async () => {
    const before = timers();
    const { fn } = gated();
    const emu = await startEmulator({ functions: { "demo/gated": fn } });
    const id = await push(emu, "demo/gated");
    const held = Array.from({ length: 3 }, () => api(emu, "GET", `/jobs/${id}/await`));
    await untilHeld(emu, 3);
    const started = performance.now();
    await emu.close();
    expect(performance.now() - started).toBeLessThan(1_000);
    const settled = await Promise.allSettled(held);
    expect(settled.map((result) => result.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(emu.events.listenerCount("job")).toBe(0);
    await sleep(5);
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it("refuses a hold limit that is not a valid timer delay", async () => {
    await expect(startEmulator({ awaitHoldMs: -1 })).rejects.toThrow(/awaitHoldMs/);
    await expect(startEmulator({ awaitHoldMs: Number.NaN })).rejects.toThrow(SieveConfigError);
  });
});
