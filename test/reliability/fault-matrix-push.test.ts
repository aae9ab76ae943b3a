/**
 * The fault matrix for `POST /push` (issue 5, item 1): a push is a paid GPU job, so it is re-sent
 * only when the first surely did not arrive (connection refused, 429). After a 5xx, a dropped
 * connection or a timeout it is sent exactly once, and the error says the job may exist. Each row
 * counts the pushes the emulator received and the jobs it created.
 */
import { describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import {
  SieveConnectionError,
  SieveRateLimitError,
  SieveServerError,
  SieveTimeoutError,
  type RetryInfo,
} from "../../src/index.js";
import { createSieveClient } from "../../src/node.js";
import { freePort } from "../support/free-port.js";
import {
  ENTRIES,
  FUNCTIONS,
  MAY_EXIST,
  arrivalGaps,
  clientOf,
  expectBetween,
  timed,
  sleep,
  useReliabilityEmulators,
  type CreateClient,
} from "./support.js";

const emulators = useReliabilityEmulators();
const request = { function: "demo/echo", inputs: { text: "paid" } };
const PUSH = { method: "POST", path: "/push" } as const;

async function setUp(create: CreateClient = createSieveClient, options = {}) {
  const emulator = await emulators.start();
  const sieve = clientOf(create, emulator, options);
  return { emulator, sieve, pushes: () => emulator.requests.count(PUSH) };
}

describe.each(ENTRIES)("POST /push through the %s", (_entry, create) => {
  it("a connection dropped after the push was processed: 1 push, 1 job, an error", async () => {
    const { emulator, sieve, pushes } = await setUp(create);
    emulator.faults.next({ drop: "mid-response", matching: PUSH });

    const { error, ms } = await timed(() => sieve.jobs.push(request));

    expect(error).toBeInstanceOf(SieveConnectionError);
    expect(error).not.toBeInstanceOf(SieveTimeoutError);
    expect((error as Error).message).toContain(MAY_EXIST);
    expect(pushes()).toBe(1);
    expect(emulator.jobs.size).toBe(1);
    expectBetween("no retry", ms, 0, 1_000);
  });

  it("connection refused: retried once the server is up, which then sees 1 push", async () => {
    const port = await freePort();
    let started: Promise<Emulator> | undefined;
    const retries: RetryInfo[] = [];
    const sieve = create({
      apiKey: "refused-then-up",
      baseUrl: `http://127.0.0.1:${port}/v2`,
      maxRetries: 2,
      onRetry: (info) => {
        retries.push(info);
        started ??= startEmulator({ port, apiKey: "refused-then-up", functions: FUNCTIONS });
      },
    });

    const { value, error, ms } = await timed(() => sieve.jobs.push(request));
    const emulator = await (started as Promise<Emulator>);
    try {
      expect(error).toBeUndefined();
      expect(value?.id).toBe(emulator.jobs.list()[0]?.id);
      expect(retries).toHaveLength(1);
      expect(retries[0]?.error?.message).toContain("ECONNREFUSED");
      expect(emulator.requests.count(PUSH)).toBe(1);
      expect(emulator.jobs.size).toBe(1);
      expectBetween("one backoff", ms, 374, 500 + 1_500);
    } finally {
      await emulator.close();
    }
  });

  it("429 with Retry-After: 1 is retried after 1 s: 2 pushes received, 1 job", async () => {
    const { emulator, sieve, pushes } = await setUp(create);
    emulator.faults.next({ status: 429, retryAfter: 1, matching: PUSH });

    const { value } = await timed(() => sieve.jobs.push(request));

    expect(value?.id).toBe(emulator.jobs.list()[0]?.id);
    expect(pushes()).toBe(2);
    expect(emulator.jobs.size).toBe(1);
    expectBetween("Retry-After wait", arrivalGaps(emulator, "/push")[0] as number, 999, 2_500);
  });
});

describe("POST /push, never re-sent once it may have arrived (node entry)", () => {
  it.each([500, 502, 503, 504])(
    "%i: exactly 1 push and an error saying the job may exist",
    async (status) => {
      const { emulator, sieve, pushes } = await setUp();
      emulator.faults.next({ status, matching: PUSH });

      const { error, ms } = await timed(() => sieve.jobs.push(request));

      expect(error).toBeInstanceOf(SieveServerError);
      expect(error).toMatchObject({ status, method: "POST" });
      expect((error as Error).message).toContain(MAY_EXIST);
      expect(pushes()).toBe(1);
      expect(emulator.jobs.size).toBe(0);
      expectBetween("no retry", ms, 0, 1_000);
    },
  );

  it("a connection dropped before any response: 1 push, and the error says it may exist", async () => {
    const { emulator, sieve, pushes } = await setUp();
    emulator.faults.next({ drop: "before-response", matching: PUSH });

    const { error } = await timed(() => sieve.jobs.push(request));

    expect(error).toBeInstanceOf(SieveConnectionError);
    expect((error as Error).message).toContain(MAY_EXIST);
    expect(pushes()).toBe(1);
    expect(emulator.jobs.size).toBe(0);
  });

  it("a timeout after sending: SieveTimeoutError, and 1 push even after the server answers", async () => {
    const { emulator, sieve, pushes } = await setUp(createSieveClient, { timeoutMs: 200 });
    emulator.faults.next({ latencyMs: 600, matching: PUSH });

    const { error, ms } = await timed(() => sieve.jobs.push(request));

    expect(error).toBeInstanceOf(SieveTimeoutError);
    expect((error as Error).message).toContain(MAY_EXIST);
    expectBetween("one attempt", ms, 199, 1_500);
    await sleep(1_000);
    expect(pushes()).toBe(1);
  });

  it("429 asking more than maxRetryDelayMs: SieveRateLimitError at once, 1 push, no job", async () => {
    const { emulator, sieve, pushes } = await setUp();
    emulator.faults.next({ status: 429, retryAfter: 120, matching: PUSH });

    const { error, ms } = await timed(() => sieve.jobs.push(request));

    expect(error).toBeInstanceOf(SieveRateLimitError);
    expect(error).toMatchObject({ retryAfterMs: 120_000 });
    expect(pushes()).toBe(1);
    expect(emulator.jobs.size).toBe(0);
    expectBetween("no sleep", ms, 0, 1_000);
  });
});
