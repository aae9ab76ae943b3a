/**
 * Every answer the emulator gives conforms to openapi/sieve.yaml: the emulator runs behind
 * `prism proxy openapi/sieve.yaml <emulator>/v2 --errors`, and every operation of the spec is
 * driven through it (through the client's methods where it has them, else raw requests), on a
 * success path and at least one documented error path; the last checks derive the operations
 * from the spec, so an operation added to it fails the run until it is exercised here. Prism
 * validates each forwarded response and, with `--errors`, turns a violation into a 500 (and
 * flags it in `sl-violations`).
 *
 * Prism forwards to `upstream + request path` and the spec's paths carry no `/v2`, so the
 * upstream is the emulator's URL including `/v2` while the client talks to Prism's root.
 * Requests that break the spec (no key at all, a status outside the enum) are answered by Prism
 * itself and never reach the emulator, so the error paths here are the ones only the emulator
 * can judge: a wrong key, both `function` and `id`, unknown ids, an ended job.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { createSieveClient, type SieveClient } from "../../src/index.js";
import { startPrism, type PrismServer } from "../support/prism.js";
import { untilStatus } from "./helpers.js";
import { operationOf, specOperations } from "../support/spec-operations.js";

interface Seen {
  method: string;
  url: string;
  status: number;
  violations: string | null;
  contentType: string | null;
  body: unknown;
}

let emu: Emulator;
let prism: PrismServer;
const seen: Seen[] = [];

beforeAll(async () => {
  emu = await startEmulator({
    functions: {
      "demo/echo": {
        handler: (inputs) => inputs.text,
        delayMs: 5,
        inputs: [{ name: "text", type: "str", description: "What to echo." }],
      },
      "demo/stream": {
        delayMs: 5,
        handler: function* () {
          yield "a";
          yield 2;
          yield { url: "https://x.test/out.mp4" };
        },
        computeType: "l4",
        previousVersions: ["older"],
      },
      "demo/broken": { delayMs: 5, failWith: "CUDA out of memory" },
      "demo/slow": { delayMs: 60_000, handler: () => "late" },
      "demo/logger": {
        delayMs: 5,
        version: "5f8b2c1e-9a3d-4e6f-b7c0-1d2e3f4a5b6c",
        previousVersions: ["5f8b0000-0000-4000-8000-000000000000"],
        handler: async (_inputs, { log, signal }) => {
          log("warming up");
          await new Promise((resolve) => setTimeout(resolve, 150));
          if (!signal.aborted) log("done");
          return "logged";
        },
      },
      "sieve/dubbing": { delayMs: 5, computeType: "a100", handler: () => "dubbed" },
    },
    awaitHoldMs: 300,
  });
  prism = await startPrism("proxy", emu.url);
}, 60_000);

afterAll(async () => {
  await prism?.stop();
  await emu?.close();
});

function record(method: string, url: string, response: Response, text: string): void {
  seen.push({
    method,
    url,
    status: response.status,
    violations: response.headers.get("sl-violations"),
    contentType: response.headers.get("content-type"),
    body: text === "" ? undefined : JSON.parse(text),
  });
}

/** A raw request through Prism, recorded like the client's; resolves status and parsed body. */
async function send(
  method: string,
  path: string,
  { body, key = emu.apiKey }: { body?: unknown; key?: string } = {},
): Promise<{ status: number; body: unknown }> {
  const url = `${prism.url}${path}`;
  const headers: Record<string, string> = { "x-api-key": key };
  if (body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(url, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  record(method, url, response, text);
  return { status: response.status, body: text === "" ? undefined : JSON.parse(text) };
}

function client(apiKey = emu.apiKey): SieveClient {
  return createSieveClient({
    apiKey,
    baseUrl: prism.url,
    maxRetries: 0,
    fetch: async (url: string, init: RequestInit) => {
      const response = await fetch(url, init);
      record(init.method ?? "GET", url, response, await response.clone().text());
      return response;
    },
  });
}

describe("the emulator behind a validating Prism proxy", () => {
  it("answers every operation's success paths within the spec", async () => {
    const sieve = client();
    const echo = await sieve.jobs.push({
      function: "demo/echo",
      inputs: { text: "hi" },
      webhooks: [{ type: "job.complete", url: "http://127.0.0.1:9/hook" }],
      env: { TOKEN: "t" },
    });
    const stream = await sieve.jobs.push({ function: "demo/stream:older", inputs: {} });
    const broken = await sieve.jobs.push({ function: "demo/broken", inputs: {} });
    await Promise.all([echo, stream, broken].map((job) => untilStatus(emu, job.id)));

    expect(await sieve.jobs.get(echo.id)).toMatchObject({ status: "finished", outputs: [{}] });
    expect((await sieve.jobs.get(stream.id, { offset: 1 })).outputs).toHaveLength(2);
    expect(await sieve.jobs.get(broken.id)).toMatchObject({ status: "error" });
    const page = await sieve.jobs.list({ limit: 2, offset: 0, status: "finished" });
    expect(page.next_offset).toBe(-1);
    expect((await sieve.jobs.list({ limit: 1 })).next_offset).toBe(1);

    const slow = await sieve.jobs.push({ function: "demo/slow", inputs: {} });
    expect(await sieve.jobs.get(slow.id)).toMatchObject({ status: "queued", started_at: null });
    expect(await sieve.jobs.cancel(slow.id)).toEqual({ message: "Job cancelled." });

    expect((await sieve.functions.get("demo/stream")).latest_version).toMatchObject({ gpu: true });
    expect(await sieve.functions.get("demo/echo")).toMatchObject({ name: "echo" });
    expect(await sieve.functions.versions("demo/stream", { limit: 5, offset: 0 })).toHaveLength(2);
    const jobs = await sieve.functions.jobs("demo/stream", { status: "finished", limit: 10 });
    expect(jobs.data.map((job) => job.id)).toEqual([stream.id]);
  });

  it("answers the error paths within the spec: 400, 401, 404, 422", async () => {
    const sieve = client();
    const rejects = (promise: Promise<unknown>, status: number) =>
      expect(promise).rejects.toMatchObject({ status });
    const { id } = await sieve.jobs.push({ function: "demo/echo", inputs: { text: "x" } });
    await untilStatus(emu, id);

    await rejects(sieve.jobs.cancel(id), 400);
    await rejects(sieve.jobs.push({ function: "demo/missing", inputs: {} }), 404);
    await rejects(sieve.jobs.get("no-such-job"), 404);
    await rejects(sieve.jobs.cancel("no-such-job"), 404);
    await rejects(sieve.functions.get("demo/missing"), 404);
    await rejects(sieve.functions.versions("demo/missing"), 404);
    await rejects(sieve.functions.jobs("demo/missing"), 404);

    // The client refuses these before sending; raw requests reach the emulator.
    const noOwner = await sieve.raw.POST("/push", { body: { function: "echo", inputs: {} } });
    expect(noOwner.response.status).toBe(400);
    const both = await sieve.raw.POST("/push", {
      body: { function: "demo/echo", id: "x", inputs: {} },
    });
    expect(both.response.status).toBe(422);
    expect(both.error).toMatchObject({ detail: [{ loc: ["body"], type: "value_error" }] });

    const stranger = client("wrong-key");
    await rejects(stranger.jobs.push({ function: "demo/echo", inputs: {} }), 401);
    await rejects(stranger.jobs.list(), 401);
    await rejects(stranger.jobs.get(id), 401);
    await rejects(stranger.jobs.cancel(id), 401);
    await rejects(stranger.functions.get("demo/echo"), 401);
    await rejects(stranger.functions.versions("demo/echo"), 401);
    await rejects(stranger.functions.jobs("demo/echo"), 401);
  });

  it("answers awaiting, logs and the other operations within the spec, success and errors", async () => {
    const sieve = client();
    const logger = await sieve.jobs.push({ function: "demo/logger", inputs: {} });
    const held = await send("GET", `/jobs/${logger.id}/await?offset=0`);
    expect(held).toMatchObject({ status: 200, body: { id: logger.id, status: "finished" } });
    expect(await send("GET", `/jobs/${logger.id}/await`)).toMatchObject({ status: 200 });
    const slow = await sieve.jobs.push({ function: "demo/slow", inputs: {} });
    expect(await send("GET", `/jobs/${slow.id}/await`)).toEqual({
      status: 408,
      body: { detail: "Request timeout." },
    });
    await sieve.jobs.cancel(slow.id);
    expect((await send("GET", "/jobs/nope/await")).status).toBe(404);

    const logs = await send("GET", `/logs?job_id=${logger.id}`);
    expect(logs).toMatchObject({ status: 200, body: { data: [{}, {}, {}] } });
    const { next_start_time } = logs.body as { next_start_time: number };
    const after = await send("GET", `/logs?job_id=${logger.id}&start_time=${next_start_time}`);
    expect(after.body).toMatchObject({ data: [] });
    expect((await send("GET", `/logs?job_id=${logger.id}&start_time=2&end_time=1.5`)).status).toBe(
      400,
    );
    expect((await send("GET", "/logs?job_id=nope")).status).toBe(404);

    const base = "/functions/demo/logger";
    expect(await send("GET", "/functions?limit=10&offset=0")).toMatchObject({ status: 200 });
    expect(await send("GET", `${base}/versions/5f8b2c`)).toMatchObject({ status: 200 });
    expect((await send("GET", `${base}/versions/5f8b`)).status).toBe(404);
    expect(await send("GET", `${base}/versions/latest/jobs?limit=5`)).toMatchObject({
      status: 200,
      body: { data: [{ id: logger.id }], next_offset: -1 },
    });
    expect((await send("GET", "/functions/demo/missing/versions/latest/jobs")).status).toBe(404);
    const edit = { description: "Logs.", tags: ["demo"], webhooks: { hooks: [] } };
    expect(await send("POST", `${base}/edit`, { body: edit })).toMatchObject({ status: 200 });
    expect((await send("POST", "/functions/sieve/dubbing/edit", { body: edit })).status).toBe(403);
    expect((await send("POST", "/functions/demo/missing/edit", { body: edit })).status).toBe(404);
    const replicas = { minimum_replicas: 1, maximum_replicas: 3 };
    expect(await send("POST", `${base}/versions/latest/edit`, { body: replicas })).toMatchObject({
      status: 200,
    });
    const upsideDown = { minimum_replicas: 4, maximum_replicas: 2 };
    expect((await send("POST", `${base}/versions/latest/edit`, { body: upsideDown })).status).toBe(
      400,
    );
    const theirs = "/functions/sieve/dubbing/versions/latest/edit";
    expect((await send("POST", theirs, { body: replicas })).status).toBe(403);

    const badWindow = "start_timestamp=1734226919&end_timestamp=1734226918";
    expect(await send("GET", "/usage")).toMatchObject({ status: 200 });
    expect((await send("GET", `/usage?${badWindow}`)).status).toBe(400);
    expect(await send("GET", "/usage/function?start_timestamp=0")).toMatchObject({ status: 200 });
    expect((await send("GET", `/usage/function?${badWindow}`)).status).toBe(400);
    expect(await send("GET", "/usage/function/demo/logger")).toMatchObject({ status: 200 });
    expect((await send("GET", "/usage/function/demo/missing")).status).toBe(404);
    expect(await send("GET", "/usage/function/demo/logger/versions/latest")).toMatchObject({
      status: 200,
    });
    expect((await send("GET", "/usage/function/demo/logger/versions/nope")).status).toBe(404);
    expect(await send("GET", `/usage/job/${logger.id}?aggregated=false`)).toMatchObject({
      status: 200,
    });
    expect((await send("GET", "/usage/job/nope")).status).toBe(404);
    expect(await send("GET", "/usage/credits")).toMatchObject({ status: 200 });
    const today = new Date().toISOString().slice(0, 10);
    const window = `start=${today}T00:00&end=${today}T23:59&chunk_size=720&status=`;
    expect(await send("GET", `/usage/concurrency?${window}`)).toMatchObject({
      status: 200,
      body: [{}, {}],
    });
    expect((await send("GET", "/usage/concurrency?start=yesterday")).status).toBe(422);
    expect(await send("GET", "/user/concurrency")).toMatchObject({ status: 200 });
    expect(await send("GET", "/services/compute")).toMatchObject({ status: 200 });

    for (const path of ["/functions", "/usage/credits", "/user/concurrency", "/services/compute"]) {
      expect((await send("GET", path, { key: "wrong-key" })).status, path).toBe(401);
    }
    expect((await send("GET", "/usage/concurrency", { key: "wrong-key" })).status).toBe(401);
  });

  it("saw no violation and no Prism error on any response", () => {
    expect(seen.length).toBeGreaterThanOrEqual(70);
    expect(new Set(seen.map((s) => s.status))).toEqual(
      new Set([200, 400, 401, 403, 404, 408, 422]),
    );
    const bad = seen.filter(
      (s) =>
        s.violations !== null || s.status >= 500 || !s.contentType?.startsWith("application/json"),
    );
    expect(bad, prism.output().slice(-4_000)).toEqual([]);
    expect(emu.requests.length).toBe(seen.length);
  });

  it("exercised every operation of the spec, with a success and a documented error", () => {
    const operations = specOperations();
    expect(operations).toHaveLength(23);
    const statuses = new Map(
      operations.map((operation) => [operation.operationId, new Set<string>()]),
    );
    for (const s of seen) {
      const path = new URL(s.url).pathname;
      const operation = operationOf(operations, s.method, path);
      expect(operation, `${s.method} ${path}`).toBeDefined();
      if (operation) statuses.get(operation.operationId)?.add(String(s.status));
    }
    const missing = operations.flatMap(({ operationId, statuses: documented }) => {
      const got = [...(statuses.get(operationId) ?? [])];
      const problems: string[] = [];
      if (!got.some((status) => status.startsWith("2"))) problems.push(`${operationId}: no 2xx`);
      if (!got.some((status) => !status.startsWith("2") && documented.includes(status))) {
        problems.push(`${operationId}: no documented error (saw ${got.join(", ") || "nothing"})`);
      }
      return problems;
    });
    expect(missing).toEqual([]);
  });

  it("would notice a body that breaks the spec: Prism validates every operation's answers", async () => {
    const broken: Array<[string, string, string]> = [
      ["/jobs", '{"data": 5}', "data"],
      ["/jobs/x", '{"id": "x", "status": 5}', "status"],
      [
        "/functions/demo/echo",
        '{"name": "echo", "owner_name": "demo", "function_type": "nope"}',
        "function_type",
      ],
      ["/functions/demo/echo/versions", '[{"id": 5}]', "0"],
      ["/functions/demo/echo/jobs", '{"data": [{"id": "j", "function": 5}]}', "data"],
      ["/jobs/x/await", '{"id": "x", "status": 5}', "status"],
      ["/logs?job_id=x", '{"data": [], "next_start_time": 1.5, "last_time_returned": ""}', "next"],
      ["/functions", '[{"name": 5, "owner_name": "demo"}]', "name"],
      ["/functions/demo/echo/versions/latest", '{"id": 5}', "id"],
      ["/usage", '{"total_compute_seconds": "x", "total_cost_dollars": 0}', "total_compute"],
      ["/usage/function", '{"demo/echo": {"total_compute_seconds": 0}}', "total_cost"],
      [
        "/usage/job/x",
        '{"job_id": "x", "function_name": "f", "function_owner_name": "o", "function_id": "i", "cost": "free"}',
        "cost",
      ],
      ["/usage/concurrency", '[{"chunk_start": 1}]', "chunk_start"],
      [
        "/user/concurrency",
        '{"max_concurrency": 1, "num_current": 0, "num_processing": 0, "num_queued": 0, "num_limited": -0.5}',
        "num_limited",
      ],
    ];
    for (const [path, body, where] of broken) {
      emu.faults.next({ status: 200, body, matching: { path: path.split("?")[0] } });
      const response = await fetch(`${prism.url}${path}`, { headers: { "x-api-key": emu.apiKey } });
      await response.body?.cancel();
      expect(response.status, path).toBe(500);
      expect(response.headers.get("sl-violations"), path).toContain(where);
    }
    emu.faults.next({ status: 401, body: '{"nodetail": 1}', matching: { path: "/jobs" } });
    const response = await fetch(`${prism.url}/jobs`, { headers: { "x-api-key": emu.apiKey } });
    await response.body?.cancel();
    expect(response.status).toBe(500);
    expect(response.headers.get("sl-violations")).toContain("detail");
  });
});
