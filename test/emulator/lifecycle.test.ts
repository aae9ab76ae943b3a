import { describe, expect, it, vi } from "vitest";
import type { JobStatus } from "../../generated/sieve.js";
import { api, clientFor, outputsOf, sleep, untilStatus, useEmulators } from "./helpers.js";

const emulators = useEmulators();
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}$/;

describe("job lifecycle", () => {
  it("moves queued -> processing -> finished and stores the returned value as one output", async () => {
    const emu = await emulators.start({
      functions: {
        "demo/upper": {
          handler: async (inputs) => String(inputs.text).toUpperCase(),
          delayMs: 100,
          inputs: [{ name: "text", type: "str", description: "What to shout." }],
        },
      },
    });
    const sieve = clientFor(emu);
    const seen: JobStatus[] = [];
    emu.events.on("job", (job) => seen.push(job.status));

    const pushed = await sieve.jobs.push({ function: "demo/upper", inputs: { text: "hi" } });
    expect(pushed.status).toBe("queued");
    expect((await sieve.jobs.get(pushed.id)).status).toBe("queued");
    await untilStatus(emu, pushed.id);
    const job = await sieve.jobs.get(pushed.id);

    expect(seen).toEqual(["queued", "processing", "finished"]);
    expect(job).toMatchObject({
      id: pushed.id,
      function_id: pushed.model_id,
      function: { name: "upper", owner_name: "demo" },
      status: "finished",
      error: "",
      run_id: pushed.run_id,
      inputs: { text: { type: "str", name: "text", data: "hi", description: "What to shout." } },
      outputs: [{ type: "str", name: null, data: "HI", description: null }],
    });
    for (const time of [job.created_at, job.started_at, job.completed_at]) {
      expect(time).toMatch(TIMESTAMP);
    }
    const record = emu.jobs.get(pushed.id);
    expect(record?.completedAt).toBeGreaterThanOrEqual(record?.startedAt ?? Infinity);
    expect((record?.startedAt ?? 0) - (record?.createdAt ?? 0)).toBeGreaterThanOrEqual(95);
  });

  it("ends in error with the thrown message", async () => {
    const emu = await emulators.start({
      functions: {
        "demo/broken": {
          handler: () => {
            throw new Error("boom");
          },
          delayMs: 5,
        },
      },
    });
    const { id } = await clientFor(emu).jobs.push({ function: "demo/broken", inputs: {} });
    await untilStatus(emu, id);
    const job = await clientFor(emu).jobs.get(id);
    expect(job).toMatchObject({ status: "error", error: "boom", outputs: [] });
    expect(job.completed_at).toMatch(TIMESTAMP);
  });

  it("ends in error with failWith after the handler's outputs", async () => {
    const emu = await emulators.start({
      functions: {
        "demo/oom": {
          handler: function* () {
            yield "partial";
          },
          failWith: "CUDA out of memory",
          delayMs: 5,
        },
        "demo/plain-fail": { failWith: "no handler needed", delayMs: 5 },
      },
    });
    const sieve = clientFor(emu);
    const oom = await sieve.jobs.push({ function: "demo/oom", inputs: {} });
    const plain = await sieve.jobs.push({ function: "demo/plain-fail", inputs: {} });
    await Promise.all([untilStatus(emu, oom.id), untilStatus(emu, plain.id)]);
    expect(await sieve.jobs.get(oom.id)).toMatchObject({
      status: "error",
      error: "CUDA out of memory",
      outputs: [{ type: "str", data: "partial" }],
    });
    expect(await sieve.jobs.get(plain.id)).toMatchObject({ status: "error", outputs: [] });
  });

  it("cancels a queued job before its handler ever runs", async () => {
    const handler = vi.fn(() => "never");
    const emu = await emulators.start({ functions: { "demo/slow": { handler, delayMs: 30 } } });
    const sieve = clientFor(emu);
    const { id } = await sieve.jobs.push({ function: "demo/slow", inputs: {} });
    expect(await sieve.jobs.cancel(id)).toEqual({ message: "Job cancelled." });
    await sleep(50);
    expect(handler).not.toHaveBeenCalled();
    const job = await sieve.jobs.get(id);
    expect(job).toMatchObject({ status: "cancelled", started_at: null, outputs: [] });
    expect(job.completed_at).toMatch(TIMESTAMP);
  });

  it("cancels a processing job, aborts its handler's signal and ignores later outputs", async () => {
    let seenSignal: AbortSignal | undefined;
    const emu = await emulators.start({
      functions: {
        "demo/stuck": {
          delayMs: 5,
          handler: async function* (_inputs, { signal }) {
            seenSignal = signal;
            yield "first";
            await new Promise((resolve) => signal.addEventListener("abort", resolve));
            yield "after cancel";
          },
        },
      },
    });
    const sieve = clientFor(emu);
    const { id } = await sieve.jobs.push({ function: "demo/stuck", inputs: {} });
    await untilStatus(emu, id, ["processing"]);
    await vi.waitFor(() => expect(emu.jobs.get(id)?.outputs).toHaveLength(1));
    await sieve.jobs.cancel(id);
    expect(seenSignal?.aborted).toBe(true);
    await sleep(10);
    expect(await sieve.jobs.get(id)).toMatchObject({
      status: "cancelled",
      outputs: [{ data: "first" }],
    });
  });
});

describe("outputs", () => {
  it("streams a generator's values one by one; ?offset=N skips the first N", async () => {
    const gates: Array<() => void> = [];
    const emu = await emulators.start({
      functions: {
        "demo/count": {
          delayMs: 5,
          handler: async function* () {
            for (let i = 0; i < 4; i++) {
              yield i;
              await new Promise<void>((resolve) => gates.push(resolve));
            }
          },
        },
      },
    });
    const sieve = clientFor(emu);
    const pushed = await sieve.jobs.push({ function: "demo/count", inputs: {} });
    expect(pushed.stream_output).toBe(true);
    const outputsAfter = async (count: number, offset: number) => {
      await vi.waitFor(() => expect(gates).toHaveLength(count), { interval: 2 });
      const job = await sieve.jobs.get(pushed.id, { offset });
      return { status: job.status, data: outputsOf(job).map((o) => o.data) };
    };

    expect(await outputsAfter(1, 0)).toEqual({ status: "processing", data: [0] });
    gates[0]?.();
    expect(await outputsAfter(2, 1)).toEqual({ status: "processing", data: [1] });
    gates[1]?.();
    expect(await outputsAfter(3, 0)).toEqual({ status: "processing", data: [0, 1, 2] });
    gates[2]?.();
    await vi.waitFor(() => expect(gates).toHaveLength(4), { interval: 2 });
    gates[3]?.();
    await untilStatus(emu, pushed.id);
    expect(await outputsAfter(4, 1)).toEqual({ status: "finished", data: [1, 2, 3] });
    expect(await outputsAfter(4, 4)).toEqual({ status: "finished", data: [] });
    expect(await outputsAfter(4, 9)).toEqual({ status: "finished", data: [] });
  });

  it("types each output from its JS value; arrays are one list output; undefined adds none", async () => {
    const values = ["a", 3, 1.5, true, { k: 1 }, [1, 2], { url: "https://x.test/a.mp4" }, null];
    const emu = await emulators.start({
      functions: {
        "demo/types": {
          delayMs: 5,
          handler: function* () {
            yield* values;
            yield undefined;
          },
        },
        "demo/list": { delayMs: 5, handler: () => [1, 2] },
        "demo/void": { delayMs: 5, handler: () => undefined },
      },
    });
    const sieve = clientFor(emu);
    const ids = await Promise.all(
      ["demo/types", "demo/list", "demo/void"].map(
        async (fn) => (await sieve.jobs.push({ function: fn, inputs: {} })).id,
      ),
    );
    await Promise.all(ids.map((id) => untilStatus(emu, id)));
    const [types, list, none] = await Promise.all(ids.map((id) => sieve.jobs.get(id)));
    expect(outputsOf(types).map((o) => o.type)).toEqual([
      "str",
      "int",
      "float",
      "bool",
      "dict",
      "list",
      "sieve.File",
      "NoneType",
    ]);
    expect(outputsOf(types).map((o) => o.data)).toEqual(values);
    expect(list?.outputs).toEqual([{ type: "list", name: null, data: [1, 2], description: null }]);
    expect(none).toMatchObject({ status: "finished", outputs: [] });
  });

  it("ends in error when an output cannot be JSON", async () => {
    const emu = await emulators.start({
      functions: { "demo/bigint": { delayMs: 5, handler: () => 10n } },
    });
    const { id } = await clientFor(emu).jobs.push({ function: "demo/bigint", inputs: {} });
    const job = await untilStatus(emu, id);
    expect(job.status).toBe("error");
    expect(job.error).toMatch(/BigInt/);
  });

  it("passes the handler a copy of the inputs, the job id, env and a live signal", async () => {
    const handler = vi.fn((inputs: Record<string, unknown>) => {
      inputs.mutated = true;
      return "ok";
    });
    const emu = await emulators.start({ functions: { "demo/ctx": { handler, delayMs: 5 } } });
    const { id } = await clientFor(emu).jobs.push({
      function: "demo/ctx",
      inputs: { file: { url: "https://x.test/v.mp4" } },
      env: { TOKEN: "t" },
    });
    await untilStatus(emu, id);
    expect(handler).toHaveBeenCalledWith(
      { file: { url: "https://x.test/v.mp4" }, mutated: true },
      {
        jobId: id,
        env: { TOKEN: "t" },
        signal: expect.any(AbortSignal),
        log: expect.any(Function),
      },
    );
    const job = await clientFor(emu).jobs.get(id);
    expect(job.inputs).toEqual({
      file: {
        type: "sieve.File",
        name: "file",
        data: { url: "https://x.test/v.mp4" },
        description: null,
      },
    });
  });
});

describe("versions on push", () => {
  it("runs the version pinned by owner/name:version or by id, and 404s an unknown one", async () => {
    const emu = await emulators.start({
      functions: {
        "demo/v": { handler: () => 1, delayMs: 5, version: "v3", previousVersions: ["v2", "v1"] },
      },
    });
    const sieve = clientFor(emu);
    expect((await sieve.jobs.push({ function: "demo/v", inputs: {} })).model_id).toBe("v3");
    expect((await sieve.jobs.push({ function: "demo/v:v2", inputs: {} })).model_id).toBe("v2");
    const byId = await sieve.jobs.push({ id: "v1", inputs: {} });
    expect(emu.jobs.get(byId.id)).toMatchObject({ function: "demo/v", functionId: "v1" });
    const unknown = await api(emu, "POST", "/push", {
      body: { function: "demo/v:v9", inputs: {} },
    });
    expect(unknown).toMatchObject({ status: 404, body: { detail: "Function not found." } });
    const unknownId = await api(emu, "POST", "/push", { body: { id: "nope", inputs: {} } });
    expect(unknownId).toMatchObject({ status: 404, body: { detail: "Function not found." } });
  });
});
