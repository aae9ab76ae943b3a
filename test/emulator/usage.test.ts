import { describe, expect, it } from "vitest";
import type { DetailedUsage, JobCost } from "../../generated/sieve.js";
import type { EmulatedFunction, Emulator, EmulatorJob } from "../../src/emulator/index.js";
import { api, clientFor, untilStatus, useEmulators } from "./helpers.js";

const emulators = useEmulators();

const takes =
  (ms: number): EmulatedFunction["handler"] =>
  () =>
    new Promise((resolve) => setTimeout(() => resolve("done"), ms));

const functions: Record<string, EmulatedFunction> = {
  "demo/cheap": { delayMs: 0, handler: takes(40), pricePerSecond: 1 },
  "demo/gpu": {
    delayMs: 0,
    handler: takes(60),
    computeType: "l4",
    pricePerSecond: 3,
    version: "v2-abcdef",
    previousVersions: ["v1-123456"],
  },
  "demo/default": { delayMs: 0, handler: takes(30) },
  "demo/later": { delayMs: 60_000 },
};

/** Seconds a job ran, as the emulator bills it. */
const ranSeconds = (job: EmulatorJob | undefined) =>
  ((job?.completedAt ?? 0) - (job?.startedAt ?? 0)) / 1_000;

async function run(emu: Emulator, fn: string): Promise<EmulatorJob> {
  const { id } = await clientFor(emu).jobs.push({ function: fn, inputs: {} });
  return untilStatus(emu, id);
}

async function get<T>(emu: Emulator, path: string): Promise<T> {
  const answer = await api(emu, "GET", path);
  expect(answer.status, path).toBe(200);
  return answer.body as T;
}

describe("GET /usage/job/{job_id}", () => {
  it("costs running time times the function's price, 0 while queued", async () => {
    const emu = await emulators.start({ functions });
    const job = await run(emu, "demo/cheap");
    expect(ranSeconds(job)).toBeGreaterThan(0.03);
    const cost = await get<JobCost>(emu, `/usage/job/${job.id}`);
    expect(cost).toEqual({
      job_id: job.id,
      function_name: "cheap",
      function_owner_name: "demo",
      function_id: job.functionId,
      cost: expect.closeTo(ranSeconds(job) * 1, 9),
    });
    expect(await get<JobCost>(emu, `/usage/job/${job.id}?aggregated=false`)).toEqual(cost);

    const { id: queued } = await clientFor(emu).jobs.push({ function: "demo/later", inputs: {} });
    expect((await get<JobCost>(emu, `/usage/job/${queued}`)).cost).toBe(0);
  });

  it("uses the list price of the machine type by default, and grows while a job runs", async () => {
    const emu = await emulators.start({
      functions: { ...functions, "demo/slow": { delayMs: 0, handler: takes(300) } },
    });
    const job = await run(emu, "demo/default");
    const cost = await get<JobCost>(emu, `/usage/job/${job.id}`);
    expect(cost.cost).toBeCloseTo(ranSeconds(job) * 0.0001, 12);

    const { id } = await clientFor(emu).jobs.push({ function: "demo/slow", inputs: {} });
    await untilStatus(emu, id, ["processing"]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const early = (await get<JobCost>(emu, `/usage/job/${id}`)).cost;
    await new Promise((resolve) => setTimeout(resolve, 50));
    const later = (await get<JobCost>(emu, `/usage/job/${id}`)).cost;
    expect(early).toBeGreaterThan(0);
    expect(later).toBeGreaterThan(early);
  });

  it("answers 404 for an unknown job and 422 for aggregated=maybe", async () => {
    const emu = await emulators.start({ functions });
    expect(await api(emu, "GET", "/usage/job/nope")).toMatchObject({
      status: 404,
      body: { detail: "Job not found." },
    });
    expect(await api(emu, "GET", "/usage/job/nope?aggregated=maybe")).toMatchObject({
      status: 422,
      body: { detail: [{ loc: ["query", "aggregated"], type: "bool_parsing" }] },
    });
  });

  it("refuses a negative price", async () => {
    const bad = { "demo/x": { pricePerSecond: -1 } };
    await expect(emulators.start({ functions: bad })).rejects.toThrow(/pricePerSecond/);
  });
});

describe("GET /usage and /usage/function...", () => {
  it("sums the jobs' compute seconds and dollars, in total, per machine and per function", async () => {
    const emu = await emulators.start({ functions });
    const cheap = [await run(emu, "demo/cheap"), await run(emu, "demo/cheap")];
    const latest = await run(emu, "demo/gpu");
    const { id: pinnedId } = await clientFor(emu).jobs.push({
      function: "demo/gpu:v1-123456",
      inputs: {},
    });
    const pinned = await untilStatus(emu, pinnedId);
    const cpuSeconds = ranSeconds(cheap[0]) + ranSeconds(cheap[1]);
    const l4Seconds = ranSeconds(latest) + ranSeconds(pinned);
    const usage = (seconds: number, dollars: number) => ({
      compute_seconds: expect.closeTo(seconds, 9),
      cost_dollars: expect.closeTo(dollars, 9),
    });
    const nulls = { a100: null, "a100-20gb": null, v100: null, t4: null, other: null };

    const total = await get<DetailedUsage>(emu, "/usage");
    expect(total).toEqual({
      total_compute_seconds: expect.closeTo(cpuSeconds + l4Seconds, 9),
      total_cost_dollars: expect.closeTo(cpuSeconds + 3 * l4Seconds, 9),
      cpu: usage(cpuSeconds, cpuSeconds),
      l4: usage(l4Seconds, 3 * l4Seconds),
      ...nulls,
    });

    const perFunction = await get<Record<string, DetailedUsage>>(emu, "/usage/function");
    expect(Object.keys(perFunction).sort()).toEqual(["demo/cheap", "demo/gpu"]);
    expect(perFunction["demo/gpu"]).toMatchObject({
      cpu: null,
      l4: usage(l4Seconds, 3 * l4Seconds),
    });
    expect(await get(emu, "/usage/function/demo/cheap")).toMatchObject({
      total_compute_seconds: expect.closeTo(cpuSeconds, 9),
      cpu: usage(cpuSeconds, cpuSeconds),
    });
    const version = (slug: string) =>
      get<DetailedUsage>(emu, `/usage/function/demo/gpu/versions/${slug}`);
    expect((await version("v1")).total_compute_seconds).toBeCloseTo(ranSeconds(pinned), 9);
    expect((await version("latest")).total_compute_seconds).toBeCloseTo(ranSeconds(latest), 9);
    expect((await version("v2-abcdef")).total_cost_dollars).toBeCloseTo(3 * ranSeconds(latest), 9);
  });

  it("counts only running time inside the window, given in seconds or nanoseconds", async () => {
    const emu = await emulators.start({ functions });
    const first = await run(emu, "demo/cheap");
    const second = await run(emu, "demo/cheap");
    const seconds = (ms: number) => String(ms / 1_000);
    const nanos = (ms: number) => `${ms}000000`;
    const from = second.startedAt ?? 0;
    for (const start of [seconds(from), nanos(from)]) {
      const usage = await get<DetailedUsage>(emu, `/usage?start_timestamp=${start}`);
      expect(usage.total_compute_seconds, start).toBeCloseTo(ranSeconds(second), 9);
    }
    const middle = (first.startedAt ?? 0) + 10;
    const clipped = await get<DetailedUsage>(
      emu,
      `/usage?start_timestamp=${seconds(middle)}&end_timestamp=${nanos(first.completedAt ?? 0)}`,
    );
    expect(clipped.total_compute_seconds).toBeCloseTo(
      ((first.completedAt ?? 0) - middle) / 1_000,
      9,
    );
    const future = `start_timestamp=${seconds(Date.now() + 60_000)}`;
    expect(await get(emu, `/usage?${future}`)).toMatchObject({
      total_compute_seconds: 0,
      cpu: null,
    });
    expect(await get(emu, `/usage/function?${future}`)).toEqual({});
  });

  it("answers 404 for an unknown function or version and 400 for a window that ends first", async () => {
    const emu = await emulators.start({ functions });
    const notFound = (detail: string) => ({ status: 404, body: { detail } });
    expect(await api(emu, "GET", "/usage/function/demo/missing")).toMatchObject(
      notFound("Function not found."),
    );
    expect(await api(emu, "GET", "/usage/function/demo/gpu/versions/v9")).toMatchObject(
      notFound("Function version not found."),
    );
    for (const path of ["/usage", "/usage/function", "/usage/function/demo/gpu"]) {
      expect(await api(emu, "GET", `${path}?start_timestamp=10&end_timestamp=5`)).toMatchObject({
        status: 400,
        body: { detail: "Invalid timestamps provided." },
      });
    }
  });
});

describe("GET /usage/credits", () => {
  it("starts at `credits` and decreases by each job's cost", async () => {
    const emu = await emulators.start({ functions, credits: 5 });
    expect(await get(emu, "/usage/credits")).toEqual({ credits_remaining: 5 });
    const job = await run(emu, "demo/gpu");
    const { credits_remaining } = await get<{ credits_remaining: number }>(emu, "/usage/credits");
    expect(credits_remaining).toBeCloseTo(5 - 3 * ranSeconds(job), 9);
    expect(credits_remaining).toBeLessThan(5);
  });
});
