/**
 * The Node entry's sender loads the undici sender (undici, node:zlib) on the first request, not
 * when the entry is imported: that load never counts against the request's `timeoutMs` (the
 * transport waits for the sender's `ready` before an attempt's timer starts), nor against the
 * limit of a `jobs.run` or a `jobs.wait` (which wait for it too); an abort during it ends the
 * call at once, and a failed load is a `SieveInternalError` (no network failure, never retried)
 * that the next call tries again. The loader is the internal seam of `createLazyUndiciSender`;
 * the last test uses the real one, in a fresh process, where loading undici after the client
 * exists no longer swaps the agent of the process's global fetch.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createClientOn } from "../../../src/create-sieve-client.js";
import type { Sender } from "../../../src/core/http/http-types.js";
import {
  createLazyUndiciSender,
  type UndiciSenderModule,
} from "../../../src/core/http/lazy-undici-sender.js";
import { SieveInternalError, SieveTimeoutError, type SieveClient } from "../../../src/node.js";
import { JOB_ID, job } from "../../support/fixtures.js";
import { sendJson, useLocalServers, type LocalServer } from "../../support/local-server.js";

const startServer = useLocalServers();
const LOAD_MS = 600;
const TIMEOUT_MS = 200;
const push = { function: "sieve/dubbing", inputs: {} };

const loadSender = (): Promise<UndiciSenderModule> =>
  import("../../../src/core/http/undici-sender.js");

/** A loader of the undici sender that takes `ms` first, counting its calls. */
function slowLoader(ms: number) {
  const calls = { count: 0 };
  const load = async (): Promise<UndiciSenderModule> => {
    calls.count++;
    await new Promise((resolve) => setTimeout(resolve, ms));
    return loadSender();
  };
  return { load, calls };
}

function clientOn(server: LocalServer, send: Sender, maxRetries = 0) {
  const options = { apiKey: "k-1234", baseUrl: `${server.url}/v2`, timeoutMs: TIMEOUT_MS };
  return createClientOn({ ...options, maxRetries }, () => send);
}

describe("undici, loaded on the first request", () => {
  it(`a ${TIMEOUT_MS} ms timeout does not count a ${LOAD_MS} ms load of undici`, async () => {
    const server = await startServer((_request, response) => sendJson(response, 200, job));
    const { load, calls } = slowLoader(LOAD_MS);
    const sieve = clientOn(server, createLazyUndiciSender({}, load));
    const started = performance.now();

    await expect(sieve.jobs.get(JOB_ID)).resolves.toMatchObject({ id: JOB_ID });

    expect(performance.now() - started).toBeGreaterThanOrEqual(LOAD_MS - 5);
    await expect(sieve.jobs.get(JOB_ID)).resolves.toMatchObject({ id: JOB_ID });
    expect(calls.count).toBe(1);
  });

  it.each([
    ["jobs.run", (sieve: SieveClient) => sieve.jobs.run(push, { timeoutMs: TIMEOUT_MS })],
    [
      "jobs.wait",
      (sieve: SieveClient) => sieve.jobs.wait(JOB_ID, { timeoutMs: TIMEOUT_MS, intervalMs: 20 }),
    ],
  ])(`%s: its own ${TIMEOUT_MS} ms limit does not count the load either`, async (_name, call) => {
    // The first answer says the job still runs: only a second read, in time, can finish the call.
    let answers = 0;
    const server = await startServer((_request, response) =>
      sendJson(response, 200, ++answers === 1 ? { ...job, status: "processing" } : job),
    );
    const sieve = clientOn(server, createLazyUndiciSender({}, slowLoader(LOAD_MS).load));

    await expect(call(sieve)).resolves.toMatchObject({ id: JOB_ID, status: "finished" });
  });

  it("without the sender's ready (the control), the same load times the request out", async () => {
    const server = await startServer((_request, response) => sendJson(response, 200, job));
    const sender = createLazyUndiciSender({}, slowLoader(LOAD_MS).load);
    const sieve = clientOn(server, (request, signal, options) => sender(request, signal, options));

    await expect(sieve.jobs.get(JOB_ID)).rejects.toBeInstanceOf(SieveTimeoutError);
  });

  it("an abort during the load ends the call at once, nothing sent", async () => {
    const server = await startServer((_request, response) => sendJson(response, 200, job));
    const sieve = clientOn(server, createLazyUndiciSender({}, slowLoader(2_000).load));
    const controller = new AbortController();
    const reason = new Error("stop");
    setTimeout(() => controller.abort(reason), 30);
    const started = performance.now();

    await expect(sieve.jobs.get(JOB_ID, {}, { signal: controller.signal })).rejects.toBe(reason);

    expect(performance.now() - started).toBeLessThan(500);
    expect(server.requests).toHaveLength(0);
  });

  it("a failed load is a SieveInternalError, not retried; the next call loads again", async () => {
    const server = await startServer((_request, response) => sendJson(response, 200, job));
    let loads = 0;
    const load = async (): Promise<UndiciSenderModule> => {
      if (++loads === 1)
        throw Object.assign(new Error("no undici"), { code: "ERR_MODULE_NOT_FOUND" });
      return loadSender();
    };
    const sieve = clientOn(server, createLazyUndiciSender({}, load), 3);

    const failed = await sieve.jobs.get(JOB_ID).catch((error: unknown) => error);
    expect(failed).toBeInstanceOf(SieveInternalError);
    expect(String((failed as Error).cause)).toContain("no undici");
    expect(loads).toBe(1);
    await expect(sieve.jobs.get(JOB_ID)).resolves.toMatchObject({ id: JOB_ID });
    expect(loads).toBe(2);
  });

  it("in a fresh process: the import loads neither undici nor node:zlib; the first request does, and leaves the process's fetch on Node's own agent", async () => {
    const child = fileURLToPath(new URL("./first-request-child.ts", import.meta.url));
    const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", child], {
      timeout: 30_000,
    });
    const result = JSON.parse(stdout) as Record<string, unknown>;
    expect(result).toMatchObject({
      afterImport: { undici: false, zlib: false },
      afterRequest: { undici: true, zlib: true, fetchOnUndiciPackage: false },
      id: JOB_ID,
    });
  }, 40_000);
});
