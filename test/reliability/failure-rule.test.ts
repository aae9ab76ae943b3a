/**
 * One rule for what is transient (issue 10): a failure inside the client (a bug, or a runtime it
 * does not support, such as Bun's undici without `Agent.request`) is a `SieveInternalError`, sent
 * once and never retried, and `jobs.wait`, `jobs.outputs` and `jobs.run` end on it at once instead
 * of polling until their deadline; failures the transport marks final (a redirect loop) end them
 * too. Transient failures of a wait are reported through `onRetry` and `logger.warn`.
 */
import { describe, expect, it } from "vitest";
import { createClientOn } from "../../src/create-sieve-client.js";
import type { Sender } from "../../src/core/http/http-types.js";
import {
  SieveConnectionError,
  SieveInternalError,
  SieveRunAbortedError,
  SieveServerError,
  SieveWaitTimeoutError,
  type RetryInfo,
} from "../../src/index.js";
import { createUndiciSender } from "../../src/core/http/undici-sender.js";
import { useLocalServers } from "../support/local-server.js";
import { ENTRIES, clientOf, timed, useReliabilityEmulators } from "./support.js";

const JOB = "00000000-0000-4000-8000-000000000000";

/** A sender as it behaves under Bun today: undici's `Agent` there has no `request`. */
function brokenSender(calls: { count: number }): () => Sender {
  return () => async () => {
    calls.count++;
    throw new TypeError("agent.request is not a function");
  };
}

describe("a failure inside the client", () => {
  const emulators = useReliabilityEmulators();

  it("is a SieveInternalError, sent once, never retried", async () => {
    const calls = { count: 0 };
    const sieve = createClientOn({ apiKey: "k", maxRetries: 5 }, brokenSender(calls));
    const { error } = await timed(() => sieve.jobs.get(JOB));
    expect(error).toBeInstanceOf(SieveInternalError);
    expect(error).not.toBeInstanceOf(SieveConnectionError);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
    expect((error as Error).message).toContain("agent.request is not a function");
    expect(calls.count).toBe(1);
  });

  it("ends jobs.wait at once (no timeout given), jobs.outputs too", async () => {
    const calls = { count: 0 };
    const sieve = createClientOn({ apiKey: "k" }, brokenSender(calls));
    const waited = await timed(() => sieve.jobs.wait(JOB));
    expect(waited.error).toBeInstanceOf(SieveInternalError);
    expect(waited.ms).toBeLessThan(500);
    const streamed = await timed(async () => {
      for await (const output of sieve.jobs.outputs(JOB)) void output;
    });
    expect(streamed.error).toBeInstanceOf(SieveInternalError);
    expect(calls.count).toBe(2);
  });

  it("ends jobs.run after its push, cancelling the job on the real server", async () => {
    const emulator = await emulators.start();
    const real = createUndiciSender();
    let gets = 0;
    const sometimesBroken: Sender = async (request, signal, options) => {
      if (request.method === "GET" && ++gets === 1) throw new TypeError("x is not a function");
      return real(request, signal, options);
    };
    const sieve = createClientOn(
      { apiKey: emulator.apiKey, baseUrl: emulator.url },
      () => sometimesBroken,
    );
    const { error } = await timed(() => sieve.jobs.run({ function: "demo/hang", inputs: {} }));
    expect(error).toBeInstanceOf(SieveRunAbortedError);
    expect(error).toMatchObject({ reason: "error", cancellation: { status: "cancelled" } });
    expect((error as Error).cause).toBeInstanceOf(SieveInternalError);
    expect(emulator.jobs.list()[0]?.status).toBe("cancelled");
  });
});

describe.each(ENTRIES)("waits through the %s", (_entry, create) => {
  const emulators = useReliabilityEmulators();
  const startServer = useLocalServers();

  it("report each transient failure through onRetry and logger.warn", async () => {
    const emulator = await emulators.start();
    const retries: RetryInfo[] = [];
    const warnings: string[] = [];
    const sieve = clientOf(create, emulator, {
      onRetry: (info) => retries.push(info),
      logger: { warn: (line) => warnings.push(line) },
    });
    const { id } = await sieve.jobs.push({ function: "demo/echo", inputs: { text: "x" } });
    emulator.faults.next({ status: 503, retryAfter: 0, matching: { method: "GET" } });
    emulator.faults.next({ status: 502, matching: { method: "GET" } });
    await sieve.jobs.wait(id, { intervalMs: 10 });
    expect(retries.map((r) => r.status)).toEqual([503, 502]);
    expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
    expect(warnings).toHaveLength(2);
    expect(warnings[0]).toContain(`retrying GET ${emulator.url}/jobs/${id}`);
  });

  it("that time out while polls fail carry the last failure as cause, and name it", async () => {
    const emulator = await emulators.start();
    const sieve = clientOf(create, emulator);
    const { id } = await sieve.jobs.push({ function: "demo/hang", inputs: {} });
    emulator.faults.next({ status: 503, times: 1_000, matching: { method: "GET" } });
    const { error } = await timed(() => sieve.jobs.wait(id, { timeoutMs: 600 }));
    expect(error).toBeInstanceOf(SieveWaitTimeoutError);
    expect((error as Error).cause).toBeInstanceOf(SieveServerError);
    expect((error as Error).message).toContain("no poll succeeded");
    expect((error as Error).message).toContain("the last poll failed: 503");
  });

  it("never poll faster than intervalMs, even when every answer says Retry-After: 0", async () => {
    const emulator = await emulators.start();
    const sieve = clientOf(create, emulator);
    const { id } = await sieve.jobs.push({ function: "demo/hang", inputs: {} });
    emulator.requests.clear();
    emulator.faults.next({
      status: 503,
      retryAfter: 0,
      times: 10_000,
      matching: { method: "GET" },
    });
    await timed(() => sieve.jobs.wait(id, { timeoutMs: 1_000, intervalMs: 200 }));
    // One poll at once, then one every 200 ms at most: 6 in 1 s (a hot loop sent hundreds).
    expect(emulator.requests.count({ method: "GET" })).toBeLessThanOrEqual(6);
  });

  it("end at once on a redirect loop (final in the transport, final in the loop)", async () => {
    const server = await startServer((request, response) => {
      response.writeHead(302, { location: request.path.endsWith("a") ? "/b" : "/a" });
      response.end();
    });
    const sieve = create({ apiKey: "k", baseUrl: server.url, maxRetries: 0 });
    const { error, ms } = await timed(() => sieve.jobs.wait("a"));
    expect(error).toBeInstanceOf(SieveConnectionError);
    expect((error as Error).message).toContain("redirects");
    expect(ms).toBeLessThan(1_000);
    expect(server.requests).toHaveLength(6);
  });
});
