import { createHook } from "node:async_hooks";
import { fileURLToPath } from "node:url";
import { expect } from "vitest";
import { sleep } from "./support.js";

const SOURCE_DIR = fileURLToPath(new URL("../../src/", import.meta.url));

/**
 * The TCP sockets (`TCPSocketWrap`, `TCPWRAP`) of the process, by
 * `process.getActiveResourcesInfo()`. Listening servers (`TCPServerWrap`) are not counted.
 *
 * @example
 * const idle = openSockets();
 */
export function openSockets(): number {
  return process
    .getActiveResourcesInfo()
    .filter((name) => name === "TCPSocketWrap" || name === "TCPWRAP").length;
}

/** What `watchHandles` gives: checks that what was opened since is closed again. */
export interface HandleWatch {
  /** Waits up to `withinMs` for the sockets to come down to `sockets` (default: as at the start). */
  expectSocketsBackTo(sockets?: number, withinMs?: number): Promise<void>;
  /** Asserts that every timer `src/` set since the start is gone and the sockets are back; stops. */
  expectNothingLeft(withinMs?: number): Promise<void>;
}

/**
 * Starts watching for leaks. Sockets are compared by count with `process.getActiveResourcesInfo`
 * (the test worker opens none of its own). Timers cannot be compared by count, as the test
 * runner's own timers come and go: each `setTimeout`/`setInterval` called by code in `src/` (the
 * client and the emulator) is tracked from creation to clearing with `async_hooks`, by its
 * caller's frame. Timers that Node or undici set for their own use are not counted.
 *
 * @example
 * const watch = watchHandles();
 * // ... start, abort, close the emulator ...
 * await watch.expectNothingLeft();
 */
export function watchHandles(): HandleWatch {
  const startSockets = openSockets();
  const timers = new Map<number, string>();
  const stackLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 50;
  const hook = createHook({
    init(asyncId, type) {
      if (type !== "Timeout") return;
      const frames = new Error().stack?.split("\n") ?? [];
      const call = frames.findIndex((line) =>
        /at (setTimeout|setInterval) \(node:timers/.test(line),
      );
      const caller = frames[call + 1];
      if (call >= 0 && caller?.includes(SOURCE_DIR)) timers.set(asyncId, caller.trim());
    },
    destroy(asyncId) {
      timers.delete(asyncId);
    },
  }).enable();

  async function settle(done: () => boolean, withinMs: number): Promise<void> {
    const deadline = Date.now() + withinMs;
    while (!done() && Date.now() < deadline) await sleep(10);
  }

  return {
    async expectSocketsBackTo(sockets = startSockets, withinMs = 1_000) {
      await settle(() => openSockets() <= sockets, withinMs);
      const live = process.getActiveResourcesInfo().join(", ");
      expect(openSockets(), `sockets left open (live: ${live})`).toBeLessThanOrEqual(sockets);
    },
    async expectNothingLeft(withinMs = 1_000) {
      try {
        await settle(() => timers.size === 0 && openSockets() <= startSockets, withinMs);
        const left = [...timers.values()].join("; ");
        expect(timers.size, `timers src/ set and never cleared: ${left}`).toBe(0);
        await this.expectSocketsBackTo(startSockets, 0);
      } finally {
        hook.disable();
        Error.stackTraceLimit = stackLimit;
      }
    },
  };
}
