/**
 * Issue 12's long-poll, end to end through the Node client against the emulator: a job that
 * ends within the server's hold costs one request and its end is seen within 50 ms; a job longer
 * than the hold costs one request per hold period, with no retry reported; a server without
 * `/await` is polled.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { createSieveClient } from "../../src/node.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
let emulator: Emulator | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
});

async function start(runMs: number, awaitHoldMs?: number) {
  emulator = await startEmulator({
    functions: { "demo/timed": { delayMs: 5, handler: async () => (await sleep(runMs), "done") } },
    ...(awaitHoldMs ? { awaitHoldMs } : {}),
  });
  const onRetry = vi.fn();
  const sieve = createSieveClient({ apiKey: emulator.apiKey, baseUrl: emulator.url, onRetry });
  const { id } = await sieve.jobs.push({ function: "demo/timed", inputs: {} });
  let endedAt = 0;
  emulator.events.on("job", (job) => {
    if (job.id === id && job.completedAt) endedAt = performance.now();
  });
  return { emu: emulator, sieve, id, onRetry, endedAt: () => endedAt };
}

describe("jobs.wait with the await long-poll, on the emulator", () => {
  it("sends exactly one request for a job that ends within the hold, and sees its end within 50 ms", async () => {
    const { emu, sieve, id, endedAt } = await start(400);
    const reads = emu.requests.count({ method: "GET" });
    const job = await sieve.jobs.wait(id);
    const seenAt = performance.now();
    expect(job.status).toBe("finished");
    expect(emu.requests.count({ method: "GET" }) - reads).toBe(1);
    expect(emu.requests.matching({ method: "GET" }).at(-1)?.path).toBe(`/jobs/${id}/await`);
    expect(endedAt()).toBeGreaterThan(0);
    expect(seenAt - endedAt(), "ms from the job's end to the wait's").toBeLessThan(50);
  });

  it("costs one request per hold period for a job longer than the hold, and reports no retry", async () => {
    const { emu, sieve, id, onRetry } = await start(1_050, 200);
    // A 408 sooner than intervalMs is no hold (the wait then polls): the holds here are 200 ms.
    await sieve.jobs.wait(id, { intervalMs: 100 });
    const awaits = emu.requests.matching({ method: "GET", path: `/jobs/${id}/await` });
    // 1 050 ms of running (and 5 ms queued) in holds of 200 ms: 6 requests, the last answered 200.
    expect(awaits.length).toBeGreaterThanOrEqual(5);
    expect(awaits.length).toBeLessThanOrEqual(7);
    expect(emu.requests.count({ method: "GET", path: `/jobs/${id}` })).toBe(0);
    expect(onRetry).not.toHaveBeenCalled();
  });

  it("polls a server that answers 404 to /await", async () => {
    const { emu, sieve, id } = await start(100);
    emu.faults.next({ status: 404, matching: { path: `/jobs/${id}/await` } });
    const job = await sieve.jobs.wait(id, { intervalMs: 20 });
    expect(job.status).toBe("finished");
    expect(emu.requests.count({ method: "GET", path: `/jobs/${id}` })).toBeGreaterThanOrEqual(1);
  });
});
