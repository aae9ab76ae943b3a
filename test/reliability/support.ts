/**
 * Shared pieces of the reliability tests: the two public entries (Node's undici sender, and the
 * web entry's global fetch over the undici package's agent), an emulator with the functions the
 * matrix needs, and timing helpers that read real clocks (these tests run on real timers against
 * a real local server).
 */
import { Agent, setGlobalDispatcher } from "undici";
import { afterEach, expect } from "vitest";
import { startEmulator, type Emulator, type EmulatorOptions } from "../../src/emulator/index.js";
import { createSieveClient as createWebClient } from "../../src/index.js";
import type { SieveClient, SieveClientOptions } from "../../src/index.js";
import { createSieveClient as createNodeClient } from "../../src/node.js";

// Node's global fetch sends through the agent installed first under undici's global symbol: the
// undici package installs its own if it is imported before Node loads fetch, so the web row's
// agent depended on whether src/node.ts loaded undici at import. Named here instead. Node 20's
// own agent (undici 6) answers an aborted request by opening a new, idle connection to the
// origin and keeping it 4 s: no socket of the client's, yet one abort-stages.test.ts would count.
setGlobalDispatcher(new Agent());

/** The entries whose senders must behave the same, for `describe.each`. */
export const ENTRIES = [
  ["node entry (undici)", createNodeClient],
  ["web entry (fetch)", createWebClient],
] as const;

/** Creates a client from either entry. */
export type CreateClient = (options?: SieveClientOptions) => SieveClient;

/** The text every error of a push that may have arrived carries. */
export const MAY_EXIST = "the job may or may not have been created";

/**
 * Resolves after `ms` of real time.
 *
 * @example
 * await sleep(100);
 */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The functions the reliability tests push. */
export const FUNCTIONS: EmulatorOptions["functions"] = {
  "demo/echo": { delayMs: 5, handler: (inputs) => inputs.text },
  "demo/hang": {
    delayMs: 5,
    handler: (_inputs, { signal }) =>
      new Promise((resolve) => signal.addEventListener("abort", resolve)),
  },
};

/**
 * Starts emulators for one test file and closes every one after each test.
 *
 * @example
 * const emulators = useReliabilityEmulators();
 * const emulator = await emulators.start();
 */
export function useReliabilityEmulators(): { start(options?: EmulatorOptions): Promise<Emulator> } {
  const open: Emulator[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((emulator) => emulator.close()));
  });
  return {
    async start(options) {
      const emulator = await startEmulator({ functions: FUNCTIONS, ...options });
      open.push(emulator);
      return emulator;
    },
  };
}

/**
 * A client of `emulator` from `create`, with short limits: 2 retries, 5 s per attempt, and a
 * `maxRetryDelayMs` of 5 s so that a longer `Retry-After` fails at once.
 *
 * @example
 * const sieve = clientOf(createNodeClient, emulator, { maxRetries: 0 });
 */
export function clientOf(
  create: CreateClient,
  emulator: Emulator,
  options: SieveClientOptions = {},
): SieveClient {
  return create({
    apiKey: emulator.apiKey,
    baseUrl: emulator.url,
    maxRetries: 2,
    timeoutMs: 5_000,
    maxRetryDelayMs: 5_000,
    ...options,
  });
}

/** How a call ended, and after how many milliseconds of real time. */
export interface Outcome<T> {
  value?: T;
  error?: unknown;
  ms: number;
}

/**
 * Runs `call` and reports how it ended and how long it took, never throwing.
 *
 * @example
 * const { error, ms } = await timed(() => sieve.jobs.get(id));
 */
export async function timed<T>(call: () => Promise<T>): Promise<Outcome<T>> {
  const started = performance.now();
  try {
    const value = await call();
    return { value, ms: performance.now() - started };
  } catch (error) {
    return { error, ms: performance.now() - started };
  }
}

/**
 * Asserts `ms` lies in `[min, max]`, naming what was timed.
 *
 * @example
 * expectBetween("retry gap", gap, 375, 2_000);
 */
export function expectBetween(label: string, ms: number, min: number, max: number): void {
  expect(ms, `${label}: ${Math.round(ms)} ms, expected at least ${min}`).toBeGreaterThanOrEqual(
    min,
  );
  expect(ms, `${label}: ${Math.round(ms)} ms, expected at most ${max}`).toBeLessThanOrEqual(max);
}

/**
 * The gaps, in ms, between the arrival times of the requests the emulator logged for `path`
 * (`Date.now()` granularity: allow a millisecond either way).
 *
 * @example
 * expect(arrivalGaps(emulator, `/jobs/${id}`)).toHaveLength(2);
 */
export function arrivalGaps(emulator: Emulator, path: string | RegExp): number[] {
  const times = emulator.requests.matching({ path }).map((request) => request.time);
  return times.slice(1).map((time, index) => time - (times[index] as number));
}

/**
 * Pushes one `demo/echo` job with `sieve` and waits until it finished, then forgets the requests
 * that took, so a test counts only its own.
 *
 * @example
 * const id = await finishedJob(emulator, sieve);
 */
export async function finishedJob(emulator: Emulator, sieve: SieveClient): Promise<string> {
  const job = await sieve.jobs.run(
    { function: "demo/echo", inputs: { text: "hola" } },
    { intervalMs: 10 },
  );
  emulator.requests.clear();
  return job.id;
}

/**
 * Resolves once `check` holds, polling every 5 ms; rejects after `timeoutMs`.
 *
 * @example
 * await until(() => emulator.requests.length === 1);
 */
export async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await sleep(5);
  }
}
