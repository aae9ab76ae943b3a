import { describe, expect, it, vi } from "vitest";
import type { Concurrency, ConcurrencyChunk } from "../../generated/sieve.js";
import type { EmulatedFunction, Emulator } from "../../src/emulator/index.js";
import { api, clientFor, untilStatus, useEmulators } from "./helpers.js";
import { SieveConfigError } from "../../src/index.js";

const emulators = useEmulators();

/** A function whose jobs each run until released, in any order. */
function releasable(): {
  fn: EmulatedFunction;
  release: (count?: number) => void;
  started: string[];
} {
  const gates: Array<() => void> = [];
  const started: string[] = [];
  return {
    started,
    fn: {
      delayMs: 0,
      handler: (_inputs, { jobId }) => {
        started.push(jobId);
        return new Promise<string>((resolve) => gates.push(() => resolve("done")));
      },
    },
    release: (count = 1) => gates.splice(0, count).forEach((open) => open()),
  };
}

const concurrency = async (emu: Emulator) =>
  (await api(emu, "GET", "/user/concurrency")).body as Concurrency;

async function pushMany(emu: Emulator, fn: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    ids.push((await clientFor(emu).jobs.push({ function: fn, inputs: {} })).id);
  }
  return ids;
}

describe("maxConcurrency", () => {
  it("makes jobs beyond the limit wait (num_limited) and start in push order as slots free", async () => {
    const { fn, release, started } = releasable();
    const emu = await emulators.start({ functions: { "demo/work": fn }, maxConcurrency: 2 });
    const ids = await pushMany(emu, "demo/work", 5);
    await vi.waitFor(() => expect(started).toHaveLength(2), { interval: 2 });

    expect(await concurrency(emu)).toEqual({
      max_concurrency: 2,
      num_current: 5,
      num_processing: 2,
      num_queued: 0,
      num_limited: 3,
    });
    expect(ids.map((id) => emu.jobs.get(id)?.status)).toEqual([
      "processing",
      "processing",
      "queued",
      "queued",
      "queued",
    ]);

    release();
    await vi.waitFor(() => expect(started).toHaveLength(3), { interval: 2 });
    expect(await concurrency(emu)).toMatchObject({ num_processing: 2, num_limited: 2 });
    release(2);
    await vi.waitFor(() => expect(started).toHaveLength(5), { interval: 2 });
    release(2);
    await Promise.all(ids.map((id) => untilStatus(emu, id)));

    expect(started).toEqual(ids);
    expect(await concurrency(emu)).toEqual({
      max_concurrency: 2,
      num_current: 0,
      num_processing: 0,
      num_queued: 0,
      num_limited: 0,
    });
  });

  it("counts jobs in their delayMs as queued, and a cancelled waiting job never runs", async () => {
    const { fn, release, started } = releasable();
    const emu = await emulators.start({
      functions: { "demo/work": fn, "demo/slow-start": { delayMs: 60_000 } },
      maxConcurrency: 2,
    });
    const [slowStart] = await pushMany(emu, "demo/slow-start", 1);
    const [running, waiting, next] = await pushMany(emu, "demo/work", 3);
    await vi.waitFor(() => expect(started).toEqual([running]), { interval: 2 });
    expect(await concurrency(emu)).toMatchObject({
      num_current: 4,
      num_processing: 1,
      num_queued: 1,
      num_limited: 2,
    });

    await clientFor(emu).jobs.cancel(waiting ?? "");
    expect(await concurrency(emu)).toMatchObject({ num_current: 3, num_limited: 1 });
    await clientFor(emu).jobs.cancel(slowStart ?? "");
    await vi.waitFor(() => expect(started).toEqual([running, next]), { interval: 2 });
    release(2);
    await untilStatus(emu, next ?? "");
    expect(emu.jobs.get(waiting ?? "")).toMatchObject({ status: "cancelled", startedAt: null });
  });

  it("holds no timer for a job waiting for a slot", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((k) => k === "Timeout").length;
    const emu = await emulators.start({
      functions: { "demo/slow-start": { delayMs: 60_000 } },
      maxConcurrency: 1,
    });
    const before = timers();
    await pushMany(emu, "demo/slow-start", 20);
    expect(timers() - before).toBeLessThanOrEqual(2);
    expect(await concurrency(emu)).toMatchObject({ num_queued: 1, num_limited: 19 });
  });

  it("refuses a limit that is not a positive integer", async () => {
    await expect(emulators.start({ maxConcurrency: 0 })).rejects.toThrow(/maxConcurrency/);
    await expect(emulators.start({ maxConcurrency: 1.5 })).rejects.toThrow(SieveConfigError);
  });
});

describe("GET /usage/concurrency", () => {
  it("reports the jobs pushed in each chunk with their median running time", async () => {
    const emu = await emulators.start({
      functions: {
        "demo/fast": { delayMs: 0, handler: () => "x" },
        "demo/broken": { delayMs: 0, failWith: "boom" },
      },
    });
    const ids = [
      ...(await pushMany(emu, "demo/fast", 3)),
      ...(await pushMany(emu, "demo/broken", 1)),
    ];
    const jobs = await Promise.all(ids.map((id) => untilStatus(emu, id)));
    const hourStart = new Date(jobs[0]?.createdAt ?? 0);
    hourStart.setUTCMinutes(0, 0, 0);
    const minute = (date: Date) => date.toISOString().slice(0, 16);
    const end = new Date(hourStart.getTime() + 60 * 60_000);
    const window = `start=${minute(hourStart)}&end=${minute(end)}&chunk_size=30`;
    const chunks = async (query: string) => {
      const answer = await api(emu, "GET", `/usage/concurrency?${window}${query}`);
      expect(answer.status).toBe(200);
      return answer.body as ConcurrencyChunk[];
    };

    const finished = await chunks("");
    expect(finished).toHaveLength(2);
    expect(finished.map((chunk) => chunk.chunk_start.slice(0, 16))).toEqual([
      minute(hourStart),
      minute(new Date(hourStart.getTime() + 30 * 60_000)),
    ]);
    const current = finished.find((chunk) => chunk.num_jobs > 0);
    expect(finished.reduce((sum, chunk) => sum + chunk.num_jobs, 0)).toBe(3);
    const times = jobs
      .slice(0, 3)
      .map((job) => ((job.completedAt ?? 0) - (job.startedAt ?? 0)) / 1_000)
      .sort((a, b) => a - b);
    expect(current?.median_processing_time_seconds).toBeCloseTo(times[1] ?? 0, 9);
    expect(current?.average_concurrency).toBeCloseTo((3 * (times[1] ?? 0)) / 1_800, 9);

    const count = (list: ConcurrencyChunk[]) => list.reduce((sum, c) => sum + c.num_jobs, 0);
    expect(count(await chunks("&status=error"))).toBe(1);
    expect(count(await chunks("&status="))).toBe(4);
    expect(count(await chunks("&status=cancelled"))).toBe(0);
    expect(count(await chunks("&status=&function=demo/broken"))).toBe(1);
  });

  it("defaults to the previous day in 60-minute chunks, and refuses bad windows", async () => {
    const emu = await emulators.start({ functions: {} });
    const day = (await api(emu, "GET", "/usage/concurrency")).body as ConcurrencyChunk[];
    expect(day).toHaveLength(24);
    expect(day.every((chunk) => chunk.num_jobs === 0)).toBe(true);
    expect(await api(emu, "GET", "/usage/concurrency?chunk_size=10")).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ["query", "chunk_size"], type: "greater_than_equal" }] },
    });
  });
});

describe("GET /services/compute", () => {
  it("lists the machine types with the jobs on each", async () => {
    const emu = await emulators.start({
      functions: { "demo/gpu": { delayMs: 60_000, computeType: "h100" } },
    });
    await pushMany(emu, "demo/gpu", 2);
    const answer = await api(emu, "GET", "/services/compute");
    expect(answer.status).toBe(200);
    const { compute } = answer.body as { compute: Array<Record<string, unknown>> };
    expect(compute.map((entry) => entry.compute_type)).toEqual(
      expect.arrayContaining(["cpu", "t4", "l4", "a100", "h100"]),
    );
    expect(compute.find((entry) => entry.compute_type === "h100")).toEqual({
      compute_type: "h100",
      gpu: true,
      available: true,
      processing_jobs: 0,
      queued_jobs: 2,
    });
  });
});
