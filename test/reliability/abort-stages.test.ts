/**
 * Abort at every stage (issue 5, item 1): before anything is sent, during a request, during a
 * retry sleep, during a wait (between polls and during a poll), during `jobs.outputs` and during
 * `jobs.run`. Each call rejects within 50 ms of the abort with the signal's own reason, and once
 * the emulator is closed no timer and no TCP socket is left behind. Every timer the client could
 * leak here is long (20 s or more), so a leak is still live when the handles are counted.
 */
import { describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { SieveRunAbortedError, type SieveClient } from "../../src/index.js";
import { openSockets, watchHandles, type HandleWatch } from "./live-handles.js";
import { ENTRIES, FUNCTIONS, clientOf, until, type CreateClient } from "./support.js";

const LONG = 20_000;
const UNKNOWN_JOB = "00000000-0000-4000-8000-000000000000";
const echo = { function: "demo/echo", inputs: { text: "x" } };
const functions = {
  ...FUNCTIONS,
  "demo/one-then-hang": {
    delayMs: 5,
    handler: async function* (_inputs: unknown, { signal }: { signal: AbortSignal }) {
      yield "first";
      await new Promise((resolve) => signal.addEventListener("abort", resolve));
    },
  },
};

interface Stage {
  emulator: Emulator;
  sieve: SieveClient;
  signal: AbortSignal;
  watch: HandleWatch;
}

/**
 * Runs `start` on a fresh emulator and client, aborts once `ready` holds, and checks how the call
 * ended, how fast, and that the handles the process had before are all it has once closed.
 */
async function abortDuring(
  create: CreateClient,
  start: (stage: Stage) => Promise<unknown>,
  ready: (stage: Stage) => boolean,
  { withinMs = 50, afterAbort = async (_stage: Stage) => {} } = {},
): Promise<Emulator> {
  const watch = watchHandles();
  const emulator = await startEmulator({ functions });
  try {
    const sieve = clientOf(create, emulator, { timeoutMs: LONG * 2, maxRetryDelayMs: LONG * 2 });
    const controller = new AbortController();
    const stage = { emulator, sieve, signal: controller.signal, watch };
    const ended = start(stage).then(
      () => ({ error: undefined as unknown, at: performance.now() }),
      (error: unknown) => ({ error, at: performance.now() }),
    );
    await until(() => ready(stage));
    const reason = new Error("the caller gave up");
    const abortedAt = performance.now();
    controller.abort(reason);
    const { error, at } = await ended;

    expect(unwrapRun(error)).toBe(reason);
    expect(at - abortedAt, "ms from abort to rejection").toBeLessThan(withinMs);
    await afterAbort(stage);
    return emulator;
  } finally {
    await emulator.close();
    await watch.expectNothingLeft();
  }
}

describe.each(ENTRIES)("abort through the %s", (_entry, create) => {
  it.each([
    ["jobs.get", (s: SieveClient, signal: AbortSignal) => s.jobs.get(UNKNOWN_JOB, {}, { signal })],
    ["jobs.push", (s: SieveClient, signal: AbortSignal) => s.jobs.push(echo, { signal })],
    ["jobs.run", (s: SieveClient, signal: AbortSignal) => s.jobs.run(echo, { signal })],
    ["jobs.wait", (s: SieveClient, signal: AbortSignal) => s.jobs.wait(UNKNOWN_JOB, { signal })],
    ["jobs.outputs", (s: SieveClient, signal: AbortSignal) => drain(s, UNKNOWN_JOB, signal)],
  ])("before anything is sent: %s sends nothing", async (_name, call) => {
    const watch = watchHandles();
    const emulator = await startEmulator({ functions });
    try {
      const reason = new Error("aborted before the call");
      const started = performance.now();
      const error = await call(clientOf(create, emulator), AbortSignal.abort(reason)).catch(
        (e: unknown) => e,
      );
      expect(unwrapRun(error)).toBe(reason);
      expect(performance.now() - started).toBeLessThan(50);
      expect(emulator.requests).toHaveLength(0);
    } finally {
      await emulator.close();
      await watch.expectNothingLeft();
    }
  });

  it("during a request: its socket is closed, nothing is retried", async () => {
    let idle = openSockets();
    const emulator = await abortDuring(
      create,
      ({ emulator: emu, sieve, signal }) => {
        idle = openSockets();
        emu.faults.next({ latencyMs: LONG });
        return sieve.jobs.get(UNKNOWN_JOB, {}, { signal });
      },
      ({ emulator: emu }) => emu.requests.length === 1,
      {
        // Checked while the emulator still runs: closing it would close the sockets anyway. Both
        // ends live in this process, so allow a loaded machine time to process the close.
        afterAbort: ({ watch }) => watch.expectSocketsBackTo(idle, 3_000),
      },
    );
    expect(emulator.requests).toHaveLength(1);
  });

  it("during a retry sleep (429, Retry-After: 20): nothing more is sent", async () => {
    let retried = false;
    const emulator = await abortDuring(
      create,
      ({ emulator: emu, signal }) => {
        emu.faults.next({ status: 429, retryAfter: LONG / 1_000 });
        const sieve = clientOf(create, emu, {
          maxRetryDelayMs: LONG * 2,
          onRetry: () => (retried = true),
        });
        return sieve.jobs.push(echo, { signal });
      },
      () => retried,
    );
    expect(emulator.requests).toHaveLength(1);
    expect(emulator.jobs.size).toBe(0);
  });

  it("during a wait, between two polls", async () => {
    let polled = false;
    const emulator = await abortDuring(
      create,
      async ({ sieve, signal }) => {
        const { id } = await sieve.jobs.push({ function: "demo/hang", inputs: {} });
        const onStatus = () => (polled = true);
        return sieve.jobs.wait(id, { signal, strategy: "poll", intervalMs: LONG, onStatus });
      },
      () => polled,
    );
    expect(emulator.requests.count({ method: "GET" })).toBe(1);
  });

  it("during a wait's long-poll, held by the server", async () => {
    const emulator = await abortDuring(
      create,
      async ({ sieve, signal }) => {
        const { id } = await sieve.jobs.push({ function: "demo/hang", inputs: {} });
        return sieve.jobs.wait(id, { signal });
      },
      ({ emulator: emu }) => emu.requests.count({ method: "GET" }) === 1,
    );
    expect(emulator.requests.matching({ method: "GET" }).map((r) => r.path)).toEqual([
      expect.stringMatching(/^\/jobs\/[\w-]+\/await$/),
    ]);
  });

  it("during a wait's poll that hangs", async () => {
    await abortDuring(
      create,
      async ({ emulator: emu, sieve, signal }) => {
        const { id } = await sieve.jobs.push({ function: "demo/hang", inputs: {} });
        emu.faults.next({ latencyMs: LONG, matching: { method: "GET" } });
        return sieve.jobs.wait(id, { signal });
      },
      ({ emulator: emu }) => emu.requests.count({ method: "GET" }) === 1,
    );
  });

  it("during jobs.outputs, after the first output", async () => {
    const received: unknown[] = [];
    await abortDuring(
      create,
      async ({ sieve, signal }) => {
        const { id } = await sieve.jobs.push({ function: "demo/one-then-hang", inputs: {} });
        for await (const output of sieve.jobs.outputs(id, {
          signal,
          intervalMs: 10,
          maxIntervalMs: LONG,
        })) {
          received.push(output.data);
        }
      },
      () => received.length === 1,
    );
    expect(received).toEqual(["first"]);
  });

  it.each([
    ["false: the job is left running, at once", false, 50, 0],
    ["true: the job is cancelled first (one DELETE)", true, 1_000, 1],
  ] as const)(
    "during jobs.run, cancelOnAbort %s",
    async (_what, cancelOnAbort, withinMs, deletes) => {
      let polled = false;
      await abortDuring(
        create,
        ({ sieve, signal }) =>
          sieve.jobs.run(
            { function: "demo/hang", inputs: {} },
            { signal, cancelOnAbort, intervalMs: LONG, onStatus: () => (polled = true) },
          ),
        () => polled,
        {
          withinMs,
          afterAbort: async ({ emulator }) => {
            expect(emulator.requests.count({ method: "DELETE" })).toBe(deletes);
            expect(emulator.jobs.list()[0]?.status === "cancelled").toBe(cancelOnAbort);
          },
        },
      );
    },
  );
});

/** `jobs.run` wraps the signal's reason in a `SieveRunAbortedError` that says what it did. */
function unwrapRun(error: unknown): unknown {
  return error instanceof SieveRunAbortedError ? error.cause : error;
}

async function drain(sieve: SieveClient, id: string, signal: AbortSignal): Promise<void> {
  for await (const output of sieve.jobs.outputs(id, { signal })) void output;
}
