/**
 * Faults in the middle of `jobs.wait`, `jobs.outputs` and `jobs.run` (issue 5, item 1): 5xx,
 * dropped connections (before and during the answer), 429s and slow answers between good polls
 * lose no status change and no output, repeat nothing, and never push twice. What the client
 * saw is compared with what the emulator emitted (its `job` and `output` events).
 */
import { describe, expect, it } from "vitest";
import type { Emulator, EmulatorOptions, FaultSpec } from "../../src/emulator/index.js";
import { jobOutputs } from "../../src/index.js";
import { ENTRIES, clientOf, sleep, useReliabilityEmulators } from "./support.js";

const emulators = useReliabilityEmulators();
const PHASE_MS = 2_000;
const OUTPUTS = 10;
const fast = { intervalMs: 25, maxIntervalMs: 50 };

const functions: EmulatorOptions["functions"] = {
  "phase/slow": {
    delayMs: PHASE_MS,
    handler: async (inputs) => (await sleep(PHASE_MS), inputs.text),
  },
  "phase/stream": {
    delayMs: 20,
    handler: async function* () {
      for (let i = 0; i < OUTPUTS; i++) {
        await sleep(300);
        yield i * 10;
      }
    },
  },
};

/** A hit that changes nothing: lets a queue of faults alternate with good answers. */
const GOOD: FaultSpec = { latencyMs: 0 };
const HTML_502 = { status: 502, body: "<h1>Bad Gateway</h1>", contentType: "text/html" };

/** Queues `faults` for the next requests to `path`, in order. */
function inject(emulator: Emulator, path: string, faults: FaultSpec[]): void {
  for (const fault of faults) emulator.faults.next({ ...fault, matching: { path } });
}

/** Every status the emulator emitted for job `id` (listening from now on). */
function emittedStatuses(emulator: Emulator): (id: string) => string[] {
  const seen: Array<[string, string]> = [];
  emulator.events.on("job", (job) => seen.push([job.id, job.status]));
  return (id) => seen.filter(([jobId]) => jobId === id).map(([, status]) => status);
}

/** How many queued faults were left when job `id` ended: 0 means all hit it mid-way. */
function pendingFaultsAtEnd(emulator: Emulator, id: string): () => number | undefined {
  let pending: number | undefined;
  emulator.events.on("job", (job) => {
    if (job.id === id && job.completedAt !== null) pending = emulator.faults.pending;
  });
  return () => pending;
}

describe.each(ENTRIES)("through the %s", (_entry, create) => {
  it("jobs.wait: faults while queued and while processing lose no status change", async () => {
    const emulator = await emulators.start({ functions });
    const sieve = clientOf(create, emulator);
    const emitted = emittedStatuses(emulator);
    const { id } = await sieve.jobs.push({ function: "phase/slow", inputs: { text: "done" } });
    const path = `/jobs/${id}`;
    inject(emulator, path, [GOOD, { status: 503 }, GOOD, { drop: "mid-response" }, GOOD]);
    inject(emulator, path, [{ status: 429, retryAfter: 0 }, GOOD]);
    emulator.events.on("job", (job) => {
      if (job.id !== id || job.status !== "processing") return;
      inject(emulator, path, [GOOD, { drop: "before-response" }, GOOD, HTML_502, GOOD]);
      inject(emulator, path, [{ status: 429, retryAfter: 0 }, { latencyMs: 100 }, GOOD]);
    });

    const ended = pendingFaultsAtEnd(emulator, id);
    const seen: string[] = [];
    const job = await sieve.jobs.wait(id, {
      ...fast,
      strategy: "poll",
      onStatus: (j) => seen.push(j.status),
    });

    expect(job.status).toBe("finished");
    expect(jobOutputs(job).map((output) => output.data)).toEqual(["done"]);
    expect(emitted(id)).toEqual(["queued", "processing", "finished"]);
    expect(seen).toEqual(emitted(id));
    expect(ended()).toBe(0);
    expect(emulator.requests.count({ path })).toBeGreaterThanOrEqual(15);
  });

  it("jobs.outputs: faults between polls while outputs stream lose and repeat no output", async () => {
    const emulator = await emulators.start({ functions });
    const sieve = clientOf(create, emulator);
    const { id } = await sieve.jobs.push({ function: "phase/stream", inputs: {} });
    const path = `/jobs/${id}`;
    inject(emulator, path, [GOOD, { status: 503 }, GOOD, { drop: "mid-response" }, GOOD]);
    inject(emulator, path, [{ status: 429, retryAfter: 0 }, GOOD, { drop: "before-response" }]);
    inject(emulator, path, [GOOD, { latencyMs: 80 }, GOOD, HTML_502, GOOD]);
    const ended = pendingFaultsAtEnd(emulator, id);
    const emitted: unknown[] = [];
    emulator.events.on("output", (job, output) => {
      if (job.id === id) emitted.push(output.data);
    });

    const received: unknown[] = [];
    for await (const output of sieve.jobs.outputs(id, fast)) received.push(output.data);

    expect(emitted).toEqual(Array.from({ length: OUTPUTS }, (_, i) => i * 10));
    expect(received).toEqual(emitted);
    expect(ended()).toBe(0);
    const offsets = emulator.requests.matching({ path }).map((r) => Number(r.query.offset ?? 0));
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(Math.max(...offsets)).toBeLessThanOrEqual(OUTPUTS - 1);
  });

  it("jobs.run: a 429 on the push and 503s on the polls give the result, from 1 job", async () => {
    const emulator = await emulators.start();
    const sieve = clientOf(create, emulator);
    emulator.faults.next({ status: 429, retryAfter: 0, matching: { path: "/push" } });
    emulator.faults.next({ status: 503, times: 2, matching: { method: "GET" } });

    const job = await sieve.jobs.run({ function: "demo/echo", inputs: { text: "once" } }, fast);

    expect(jobOutputs(job).map((output) => output.data)).toEqual(["once"]);
    expect(emulator.requests.count({ path: "/push" })).toBe(2);
    expect(emulator.jobs.list().map((j) => j.id)).toEqual([job.id]);
    expect(emulator.faults.pending).toBe(0);
  });
});
