import { describe, expect, it } from "vitest";
import type { Emulator } from "../../src/emulator/index.js";
import { api, clientFor, untilStatus, useEmulators } from "./helpers.js";

const emulators = useEmulators();

async function pushAndSettle(emu: Emulator, fn: string, count: number): Promise<string[]> {
  const sieve = clientFor(emu);
  const ids: string[] = [];
  for (let i = 0; i < count; i++)
    ids.push((await sieve.jobs.push({ function: fn, inputs: { i } })).id);
  await Promise.all(ids.map((id) => untilStatus(emu, id)));
  return ids;
}

describe("GET /jobs", () => {
  it("pages newest first with next_offset = offset + limit, then -1", async () => {
    const emu = await emulators.start({
      functions: { "demo/ok": { handler: () => 1, delayMs: 0 } },
    });
    const ids = await pushAndSettle(emu, "demo/ok", 5);
    const sieve = clientFor(emu);

    const first = await sieve.jobs.list({ limit: 2 });
    const second = await sieve.jobs.list({ limit: 2, offset: first.next_offset });
    const third = await sieve.jobs.list({ limit: 2, offset: second.next_offset });
    expect([first.next_offset, second.next_offset, third.next_offset]).toEqual([2, 4, -1]);
    const listed = [...first.data, ...second.data, ...third.data].map((job) => job.id);
    expect(listed).toEqual([...ids].reverse());
    expect((await sieve.jobs.list()).next_offset).toBe(-1);
    expect(await sieve.jobs.list({ limit: 0 })).toEqual({ data: [], next_offset: -1 });
    expect(await sieve.jobs.list({ offset: 5 })).toEqual({ data: [], next_offset: -1 });
  });

  it("filters by status, and pages within the filter", async () => {
    const emu = await emulators.start({
      functions: {
        "demo/ok": { handler: () => 1, delayMs: 0 },
        "demo/later": { handler: () => 1, delayMs: 5_000 },
      },
    });
    const finished = await pushAndSettle(emu, "demo/ok", 3);
    const sieve = clientFor(emu);
    const queued = await sieve.jobs.push({ function: "demo/later", inputs: {} });
    const cancelled = await sieve.jobs.push({ function: "demo/later", inputs: {} });
    await sieve.jobs.cancel(cancelled.id);

    const ids = async (status: "queued" | "finished" | "cancelled" | "error") =>
      (await sieve.jobs.list({ status })).data.map((job) => job.id);
    expect(await ids("queued")).toEqual([queued.id]);
    expect(await ids("cancelled")).toEqual([cancelled.id]);
    expect(await ids("error")).toEqual([]);
    expect(await ids("finished")).toEqual([...finished].reverse());
    const page = await sieve.jobs.list({ status: "finished", limit: 2, offset: 2 });
    expect(page).toMatchObject({ data: [{ id: finished[0] }], next_offset: -1 });
    expect((await sieve.jobs.list({ status: "finished", limit: 2 })).next_offset).toBe(2);

    // As in Sieve, `status` is a plain string: empty means every status, an unknown one none.
    const raw = async (query: string) =>
      ((await api(emu, "GET", `/jobs?${query}`)).body as { data: unknown[] }).data.length;
    expect(await raw("status=")).toBe(5);
    expect(await raw("status=done")).toBe(0);
    expect((await api(emu, "GET", "/functions/demo/later/jobs?status=")).body).toMatchObject({
      data: [{ id: cancelled.id }, { id: queued.id }],
    });
  });
});

describe("functions", () => {
  const definitions = {
    "demo/dub": {
      handler: () => ({ url: "https://x.test/out.mp4" }),
      delayMs: 0,
      version: "v3",
      previousVersions: ["v2", "v1"],
      description: "Dubs a video.",
      computeType: "l4",
      inputs: [
        { name: "file", type: "sieve.File", description: "The video." },
        { name: "language", type: "str", optional: true },
      ],
      outputs: [{ type: "sieve.File", description: "The dubbed video." }],
      environmentVariables: [{ name: "OPENAI_API_KEY", description: "Your key." }],
    },
    "demo/other": { handler: () => 1, delayMs: 0 },
  };

  it("describes a function and its latest version from the definition", async () => {
    const emu = await emulators.start({ functions: definitions });
    const fn = await clientFor(emu).functions.get("demo/dub");
    expect(fn).toMatchObject({
      name: "dub",
      owner_name: "demo",
      description: "Dubs a video.",
      function_type: "function",
      latest_version: {
        id: "v3",
        build_status: "ready",
        compute_type: "l4",
        gpu: true,
        stream_output: false,
        inputs: [
          { name: "file", type: "sieve.File", description: "The video.", is_optional: false },
          { name: "language", type: "str", description: null, is_optional: true },
        ],
        outputs: [{ type: "sieve.File", name: null, description: "The dubbed video." }],
        environment_variables: [{ name: "OPENAI_API_KEY", description: "Your key." }],
      },
    });
    const other = await clientFor(emu).functions.get("demo/other");
    expect(other.latest_version).toMatchObject({ compute_type: "cpu", gpu: false, inputs: [] });
  });

  it("lists versions newest first with limit and offset", async () => {
    const emu = await emulators.start({ functions: definitions });
    const sieve = clientFor(emu);
    const ids = async (params?: { limit?: number; offset?: number }) =>
      (await sieve.functions.versions("demo/dub", params)).map((version) => version.id);
    expect(await ids()).toEqual(["v3", "v2", "v1"]);
    expect(await ids({ limit: 2 })).toEqual(["v3", "v2"]);
    expect(await ids({ limit: 2, offset: 2 })).toEqual(["v1"]);
    expect(await ids({ offset: 3 })).toEqual([]);
  });

  it("lists only that function's jobs, with paging and the status filter", async () => {
    const emu = await emulators.start({ functions: definitions });
    const dubbed = await pushAndSettle(emu, "demo/dub", 3);
    await pushAndSettle(emu, "demo/other", 2);
    const sieve = clientFor(emu);

    const first = await sieve.functions.jobs("demo/dub", { limit: 2 });
    const rest = await sieve.functions.jobs("demo/dub", { limit: 2, offset: first.next_offset });
    expect(first.next_offset).toBe(2);
    expect(rest.next_offset).toBe(-1);
    expect([...first.data, ...rest.data].map((job) => job.id)).toEqual([...dubbed].reverse());
    expect((await sieve.functions.jobs("demo/dub", { status: "error" })).data).toEqual([]);
    expect((await sieve.functions.jobs("demo/other", { status: "finished" })).data).toHaveLength(2);
    const raw = await api(emu, "GET", "/functions/demo/dub/jobs?status=finished&limit=1");
    expect(raw).toMatchObject({ status: 200, body: { data: [{ id: dubbed[2] }], next_offset: 1 } });
  });
});
