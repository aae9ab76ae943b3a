import { describe, expect, it, vi } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { api, clientFor, sleep, untilStatus } from "./helpers.js";
import { SieveConfigError } from "../../src/index.js";

/** Counts this process's live timers and listening servers. */
function handles(): { timers: number; servers: number } {
  const info = process.getActiveResourcesInfo();
  return {
    timers: info.filter((kind) => kind === "Timeout").length,
    servers: info.filter((kind) => kind === "TCPServerWrap").length,
  };
}

describe("close()", () => {
  it("clears queued jobs' timers, stops the server and aborts running handlers", async () => {
    const before = handles();
    let runningSignal: AbortSignal | undefined;
    const queuedHandler = vi.fn(() => "never");
    const emu = await startEmulator({
      functions: {
        // Long enough that no queued job starts while the 20 pushes are still being sent.
        "demo/queued": { handler: queuedHandler, delayMs: 2_000 },
        "demo/running": {
          delayMs: 0,
          handler: (_inputs, { signal }) => {
            runningSignal = signal;
            return new Promise(() => {});
          },
        },
      },
    });
    const sieve = clientFor(emu);
    await Promise.all(
      Array.from({ length: 20 }, () => sieve.jobs.push({ function: "demo/queued", inputs: {} })),
    );
    const running = await sieve.jobs.push({ function: "demo/running", inputs: {} });
    await untilStatus(emu, running.id, ["processing"]);
    expect(handles().timers).toBeGreaterThanOrEqual(20);
    expect(handles().servers).toBe(before.servers + 1);

    await emu.close();

    expect(runningSignal?.aborted).toBe(true);
    // libuv releases a closed listening handle in a later turn of the event loop.
    await sleep(5);
    const after = handles();
    expect(after.servers).toBe(before.servers);
    expect(after.timers).toBeLessThanOrEqual(before.timers);
    await sleep(120);
    expect(queuedHandler).not.toHaveBeenCalled();
    await expect(api(emu, "GET", "/jobs")).rejects.toThrow();
  });

  it("resolves with a keep-alive connection and a request still waiting on latency", async () => {
    const emu = await startEmulator({ functions: {} });
    expect((await api(emu, "GET", "/jobs")).status).toBe(200);
    emu.faults.next({ latencyMs: 10_000 });
    const stuck = api(emu, "GET", "/jobs");
    await vi.waitFor(() => expect(emu.requests.length).toBe(2), { interval: 2 });
    const started = Date.now();
    await emu.close();
    expect(Date.now() - started).toBeLessThan(1_000);
    await expect(stuck).rejects.toThrow();
  });

  it("is idempotent", async () => {
    const emu = await startEmulator({ functions: {} });
    const first = emu.close();
    expect(emu.close()).toBe(first);
    await first;
  });
});

describe("startEmulator", () => {
  it("listens on 127.0.0.1 with the default key and URL ending in /v2", async () => {
    const emu = await startEmulator();
    try {
      expect(emu.url).toBe(`http://127.0.0.1:${emu.port}/v2`);
      expect(emu.apiKey).toBe("sieve-emulator-key");
    } finally {
      await emu.close();
    }
  });

  it("refuses bad options", async () => {
    await expect(startEmulator({ port: -1 })).rejects.toThrow(SieveConfigError);
    await expect(startEmulator({ functions: { echo: {} } })).rejects.toThrow(/owner\/name/);
    const twice = { "a/b": { version: "v1" }, "a/c": { version: "v1" } };
    await expect(startEmulator({ functions: twice })).rejects.toThrow(/used twice/);
  });
});
