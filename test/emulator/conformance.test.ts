/**
 * Every answer the emulator gives conforms to openapi/sieve.yaml: the emulator runs behind
 * `prism proxy openapi/sieve.yaml <emulator>/v2 --errors`, and every operation is driven
 * through the client, on success and error paths. Prism validates each forwarded response and,
 * with `--errors`, turns a violation into a 500 (and flags it in `sl-violations`).
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
import { sleep, untilStatus } from "./helpers.js";

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
    },
  });
  prism = await startPrism("proxy", emu.url);
}, 60_000);

afterAll(async () => {
  await prism?.stop();
  await emu?.close();
});

function client(apiKey = emu.apiKey): SieveClient {
  return createSieveClient({
    apiKey,
    baseUrl: prism.url,
    maxRetries: 0,
    fetch: async (url: string, init: RequestInit) => {
      const response = await fetch(url, init);
      const text = await response.clone().text();
      seen.push({
        method: init.method ?? "GET",
        url,
        status: response.status,
        violations: response.headers.get("sl-violations"),
        contentType: response.headers.get("content-type"),
        body: text === "" ? undefined : JSON.parse(text),
      });
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

  it("saw no violation and no Prism error on any response", () => {
    expect(seen.length).toBeGreaterThanOrEqual(30);
    expect(new Set(seen.map((s) => s.status))).toEqual(new Set([200, 400, 401, 404, 422]));
    const bad = seen.filter(
      (s) =>
        s.violations !== null || s.status >= 500 || !s.contentType?.startsWith("application/json"),
    );
    expect(bad, prism.output().slice(-4_000)).toEqual([]);
    expect(emu.requests.length).toBe(seen.length);
  });

  it("would notice a body that breaks the spec: Prism validates every operation's answers", async () => {
    const broken: Array<[string, string, string]> = [
      ["/jobs", '{"data": 5}', "data"],
      ["/jobs/x", '{"id": "x", "status": "done"}', "status"],
      [
        "/functions/demo/echo",
        '{"name": "echo", "owner_name": "demo", "function_type": "nope"}',
        "function_type",
      ],
      ["/functions/demo/echo/versions", '[{"id": 5}]', "0"],
      ["/functions/demo/echo/jobs", '{"data": [{"id": "j", "function": 5}]}', "data"],
    ];
    for (const [path, body, where] of broken) {
      emu.faults.next({ status: 200, body, matching: { path } });
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
