/**
 * Issue 4 end to end: `jobs.wait`, `jobs.run`, `jobs.outputs`, the page iterators and webhook
 * deliveries, through the Node client against the stateful emulator, with short real timers.
 */
import { createServer } from "node:http";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator, type EmulatedFunction } from "../../src/emulator/index.js";
import {
  createSieveClient,
  jobOutputs,
  parseWebhookEvent,
  SieveJobCancelledError,
  SieveJobFailedError,
  SieveRunAbortedError,
  SieveWaitTimeoutError,
  type SieveClient,
  type WebhookEvent,
} from "../../src/node.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fast = { intervalMs: 10, maxIntervalMs: 30 };

const functions: Record<string, EmulatedFunction> = {
  "demo/echo": { delayMs: 5, handler: (inputs) => inputs.text },
  "demo/slow": {
    delayMs: 5,
    handler: (_inputs, { signal }) => new Promise((r) => signal.addEventListener("abort", r)),
  },
  "demo/stream": {
    delayMs: 5,
    handler: async function* (inputs) {
      for (let i = 0; i < Number(inputs.count); i++) {
        await sleep(15);
        yield i;
      }
    },
  },
  "demo/broken": { delayMs: 5, failWith: "CUDA out of memory" },
};

let emulator: Emulator;
let sieve: SieveClient;
const cleanups: Array<() => Promise<unknown>> = [];

async function setUp(): Promise<void> {
  emulator = await startEmulator({ functions });
  sieve = createSieveClient({ apiKey: emulator.apiKey, baseUrl: emulator.url, maxRetries: 2 });
  cleanups.push(() => emulator.close());
}

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((close) => close()));
});

describe("jobs.wait", () => {
  it("resolves with the finished job and reports each status once", async () => {
    await setUp();
    const { id } = await sieve.jobs.push({ function: "demo/echo", inputs: { text: "hola" } });
    const statuses: string[] = [];
    const job = await sieve.jobs.wait(id, { ...fast, onStatus: (j) => statuses.push(j.status) });
    expect(job.status).toBe("finished");
    expect(jobOutputs(job).map((o) => o.data)).toEqual(["hola"]);
    expect(statuses.at(-1)).toBe("finished");
    expect(new Set(statuses).size).toBe(statuses.length);
  });

  it("rejects with SieveJobFailedError for a failed job", async () => {
    await setUp();
    const { id } = await sieve.jobs.push({ function: "demo/broken", inputs: {} });
    const error = await sieve.jobs.wait(id, fast).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SieveJobFailedError);
    expect((error as SieveJobFailedError).jobError).toBe("CUDA out of memory");
  });

  it("rejects with SieveJobCancelledError when the job is cancelled meanwhile", async () => {
    await setUp();
    const { id } = await sieve.jobs.push({ function: "demo/slow", inputs: {} });
    const waiting = sieve.jobs.wait(id, fast).catch((e: unknown) => e);
    await sleep(40);
    await sieve.jobs.cancel(id);
    expect(await waiting).toBeInstanceOf(SieveJobCancelledError);
  });

  it("times out with SieveWaitTimeoutError carrying the last job seen", async () => {
    await setUp();
    const { id } = await sieve.jobs.push({ function: "demo/slow", inputs: {} });
    const started = Date.now();
    const error = (await sieve.jobs
      .wait(id, { ...fast, strategy: "poll", timeoutMs: 150 })
      .catch((e: unknown) => e)) as SieveWaitTimeoutError;
    expect(error).toBeInstanceOf(SieveWaitTimeoutError);
    expect(error.job?.status).toBe("processing");
    expect(Date.now() - started).toBeLessThan(400);
  });

  it("rejects at once when aborted before or during the wait", async () => {
    await setUp();
    const { id } = await sieve.jobs.push({ function: "demo/slow", inputs: {} });
    const before = emulator.requests.count({ method: "GET" });
    await expect(sieve.jobs.wait(id, { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: "AbortError",
    });
    expect(emulator.requests.count({ method: "GET" })).toBe(before);
    const controller = new AbortController();
    const waiting = sieve.jobs
      .wait(id, { ...fast, signal: controller.signal })
      .catch((e: unknown) => e);
    await sleep(50);
    const abortedAt = Date.now();
    controller.abort();
    expect(await waiting).toMatchObject({ name: "AbortError" });
    expect(Date.now() - abortedAt).toBeLessThan(50);
  });
});

describe("jobs.run", () => {
  it("pushes and waits", async () => {
    await setUp();
    const job = await sieve.jobs.run({ function: "demo/echo", inputs: { text: "ok" } }, fast);
    expect(jobOutputs(job)[0]?.data).toBe("ok");
    expect(emulator.requests.count({ method: "POST", path: "/push" })).toBe(1);
  });

  it("cancels the job on abort (the emulator saw the DELETE)", async () => {
    await setUp();
    const controller = new AbortController();
    const running = sieve.jobs
      .run({ function: "demo/slow", inputs: {} }, { ...fast, signal: controller.signal })
      .catch((e: unknown) => e);
    await sleep(60);
    controller.abort();
    const error = await running;
    expect(error).toBeInstanceOf(SieveRunAbortedError);
    expect(error).toMatchObject({
      cause: { name: "AbortError" },
      cancellation: { status: "cancelled" },
    });
    expect(emulator.requests.count({ method: "DELETE" })).toBe(1);
    const [job] = emulator.jobs.list();
    expect(job?.status).toBe("cancelled");
  });

  it("cancels on timeout too, but not with cancelOnAbort: false", async () => {
    await setUp();
    await expect(
      sieve.jobs.run({ function: "demo/slow", inputs: {} }, { ...fast, timeoutMs: 80 }),
    ).rejects.toMatchObject({ reason: "timeout", cause: expect.any(SieveWaitTimeoutError) });
    expect(emulator.requests.count({ method: "DELETE" })).toBe(1);
    await expect(
      sieve.jobs.run(
        { function: "demo/slow", inputs: {} },
        { ...fast, timeoutMs: 80, cancelOnAbort: false },
      ),
    ).rejects.toMatchObject({
      reason: "timeout",
      cancellation: { status: "not-attempted", reason: "cancelOnAbort is false" },
    });
    expect(emulator.requests.count({ method: "DELETE" })).toBe(1);
  });

  it("sends nothing when the signal is already aborted", async () => {
    await setUp();
    await expect(
      sieve.jobs.run({ function: "demo/echo", inputs: {} }, { signal: AbortSignal.abort() }),
    ).rejects.toMatchObject({ cause: { name: "AbortError" }, jobMayExist: false });
    expect(emulator.requests.count({})).toBe(0);
  });
});

describe("jobs.outputs", () => {
  it("streams a generator's outputs exactly once, in order, with ?offset=N", async () => {
    await setUp();
    const { id } = await sieve.jobs.push({ function: "demo/stream", inputs: { count: 6 } });
    const seen: unknown[] = [];
    for await (const output of sieve.jobs.outputs(id, fast)) seen.push(output.data);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    const offsets = emulator.requests
      .filter((r) => r.method === "GET")
      .map((r) => Number(r.query.offset ?? 0));
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(Math.max(...offsets)).toBeGreaterThan(0);
  });

  it("loses nothing when polls fail midway", async () => {
    await setUp();
    const { id } = await sieve.jobs.push({ function: "demo/stream", inputs: { count: 5 } });
    emulator.faults.next({ status: 503, times: 3, matching: { method: "GET" } });
    const seen: unknown[] = [];
    for await (const output of sieve.jobs.outputs(id, fast)) {
      seen.push(output.data);
      if (seen.length === 2)
        emulator.faults.next({ drop: "mid-response", times: 2, matching: { method: "GET" } });
    }
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it("throws SieveJobFailedError for a failed job", async () => {
    await setUp();
    const { id } = await sieve.jobs.push({ function: "demo/broken", inputs: {} });
    const consume = async () => {
      for await (const _ of sieve.jobs.outputs(id, fast)) continue;
    };
    await expect(consume()).rejects.toBeInstanceOf(SieveJobFailedError);
  });
});

describe("pagination", () => {
  it("iterates over several pages, and a break stops fetching", async () => {
    await setUp();
    for (let i = 0; i < 7; i++)
      await sieve.jobs.push({ function: "demo/echo", inputs: { text: String(i) } });
    const all: string[] = [];
    for await (const job of sieve.jobs.all({ pageSize: 3 })) all.push(job.id);
    expect(new Set(all).size).toBe(7);
    expect(emulator.requests.count({ method: "GET", path: "/jobs" })).toBe(3);

    const fnJobs: string[] = [];
    for await (const job of sieve.functions.allJobs("demo/echo", { pageSize: 2 }))
      fnJobs.push(job.id);
    expect(fnJobs.sort()).toEqual([...all].sort());

    emulator.requests.clear();
    let taken = 0;
    for await (const _ of sieve.jobs.all({ pageSize: 2 })) if (++taken === 3) break;
    expect(emulator.requests.count({ method: "GET", path: "/jobs" })).toBe(2);
  });

  it("iterates over function versions", async () => {
    emulator = await startEmulator({
      functions: { "demo/v": { handler: () => 1, version: "v3", previousVersions: ["v2", "v1"] } },
    });
    cleanups.push(() => emulator.close());
    sieve = createSieveClient({ apiKey: emulator.apiKey, baseUrl: emulator.url });
    const ids: string[] = [];
    for await (const version of sieve.functions.allVersions("demo/v", { pageSize: 2 }))
      ids.push(version.id);
    expect(ids).toEqual(["v3", "v2", "v1"]);
  });
});

describe("webhooks", () => {
  it("deliveries from the emulator parse into typed events, in order", async () => {
    await setUp();
    const events: WebhookEvent[] = [];
    const receiver = createServer(async (req, res) => {
      let body = "";
      for await (const chunk of req) body += chunk;
      events.push(parseWebhookEvent(body));
      res.writeHead(200).end();
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => receiver.close(resolve)));
    const { port } = receiver.address() as { port: number };
    const url = `http://127.0.0.1:${port}/hook?token=t`;
    const webhooks = (
      ["job.start", "job.new_output", "job.complete", "job.complete.no_output"] as const
    ).map((type) => ({ type, url }));
    const { id } = await sieve.jobs.push({
      function: "demo/stream",
      inputs: { count: 2 },
      webhooks,
    });
    await sieve.jobs.wait(id, fast);
    for (let i = 0; i < 50 && events.length < 5; i++) await sleep(10);
    expect(events.map((e) => e.type)).toEqual([
      "job.start",
      "job.new_output",
      "job.new_output",
      "job.complete",
      "job.complete.no_output",
    ]);
    const complete = events.find((e) => e.type === "job.complete");
    const outputs = complete?.type === "job.complete" ? jobOutputs(complete.body) : undefined;
    expect(outputs?.map((o) => o.data)).toEqual([0, 1]);
  });
});
