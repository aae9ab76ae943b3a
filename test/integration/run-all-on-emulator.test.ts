/**
 * `sieve.jobs.runAll` (issue 14) end to end, through the Node client against the emulator:
 * 200 jobs 20 at a time with faults injected on pushes (429s, answers dropped mid-response) and
 * on polls (503s): every item reported once, no input pushed into two jobs, the concurrency held;
 * then a batch whose process is killed (SIGKILL) part-way and rerun with the same file journal:
 * nothing pushed twice, every item reported. Prints the figures the report quotes.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { startEmulator, type Emulator, type FaultSpec } from "../../src/emulator/index.js";
import {
  createSieveClient,
  jobOutputs,
  SieveAmbiguousPushError,
  type BatchProgress,
  type BatchResult,
  type PushJobRequest,
} from "../../src/node.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const PUSHES = { method: "POST", path: "/push" };
const POLLS = { method: "GET", path: /^\/jobs\/[^/]+(\/await)?$/ };
const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  await Promise.all(cleanups.splice(0).map((cleanup) => cleanup()));
});

async function emulator(): Promise<Emulator> {
  const emu = await startEmulator({
    functions: { "demo/echo": { delayMs: 20, handler: (inputs) => inputs.n } },
  });
  cleanups.push(() => emu.close());
  return emu;
}

const requests = (count: number): PushJobRequest[] =>
  Array.from({ length: count }, (_, n) => ({ function: "demo/echo", inputs: { n } }));

/** How many jobs the emulator created for each input `n`. */
function jobsPerInput(emu: Emulator): Map<unknown, number> {
  const counts = new Map<unknown, number>();
  for (const job of emu.jobs.list()) counts.set(job.inputs.n, (counts.get(job.inputs.n) ?? 0) + 1);
  return counts;
}

/** Queues one fault (or a hit that changes nothing) for each of the next requests of a kind. */
function queueFaults(emu: Emulator, matching: FaultSpec["matching"], kinds: FaultSpec[]): void {
  for (const kind of kinds) emu.faults.next({ ...kind, matching });
}

describe("jobs.runAll on the emulator", () => {
  it("200 jobs, 20 at a time, with faults: each reported once, none pushed twice", async () => {
    const emu = await emulator();
    const sieve = createSieveClient({ apiKey: emu.apiKey, baseUrl: emu.url });
    const none: FaultSpec = { latencyMs: 0 };
    // Pushes: every 9th refused with 429 (every 3rd of those asks for 1 s), every 40th dropped
    // mid-response (the job is created, the client cannot know: ambiguous).
    const pushFaults = Array.from({ length: 400 }, (_, i): FaultSpec => {
      if (i % 40 === 39) return { drop: "mid-response" };
      if (i % 9 === 8) return { status: 429, retryAfter: i % 27 === 26 ? 1 : 0 };
      return none;
    });
    // Polls: every 7th answered 503.
    const pollFaults = Array.from({ length: 2_000 }, (_, i): FaultSpec =>
      i % 7 === 6 ? { status: 503 } : none,
    );
    queueFaults(emu, PUSHES, pushFaults);
    queueFaults(emu, POLLS, pollFaults);

    let maxRunning = 0;
    const onProgress = (p: BatchProgress) => (maxRunning = Math.max(maxRunning, p.running));
    const started = Date.now();
    const results: BatchResult<PushJobRequest>[] = [];
    for await (const result of sieve.jobs.runAll(requests(200), {
      concurrency: 20,
      onProgress,
      intervalMs: 50,
      maxIntervalMs: 200,
    }))
      results.push(result);
    const elapsedMs = Date.now() - started;

    const indexes = results.map((r) => r.index).sort((a, b) => a - b);
    expect(indexes).toEqual(Array.from({ length: 200 }, (_, i) => i));
    const pushesReceived = emu.requests.count(PUSHES);
    const dropped = pushFaults.slice(0, pushesReceived).filter((f) => f.drop).length;
    const refused = pushFaults.slice(0, pushesReceived).filter((f) => f.status === 429).length;
    const ambiguous = results.filter((r) => r.error instanceof SieveAmbiguousPushError);
    expect(ambiguous).toHaveLength(dropped);
    expect(dropped).toBeGreaterThan(0);
    expect(results.filter((r) => r.job)).toHaveLength(200 - dropped);
    for (const result of results)
      if (result.job) expect(jobOutputs(result.job)[0]?.data).toBe(result.index);
    // One job per input: the refused pushes created none, the dropped ones theirs, never two.
    const perInput = jobsPerInput(emu);
    expect(perInput.size).toBe(200);
    expect([...perInput.values()].every((count) => count === 1)).toBe(true);
    expect(pushesReceived).toBe(200 + refused);
    expect(maxRunning).toBeLessThanOrEqual(20);
    // A 429 asking for 1 s holds every push of the batch: none arrives within that second
    // (but those already on their way when it was answered, within a few ms).
    const pushTimes = emu.requests.matching(PUSHES).map((push) => push.time);
    const longPauses = pushFaults.flatMap((fault, i) =>
      fault.retryAfter === 1 && i < pushTimes.length ? [pushTimes[i] ?? 0] : [],
    );
    expect(longPauses.length).toBeGreaterThan(0);
    for (const at of longPauses)
      expect(pushTimes.filter((time) => time > at + 100 && time < at + 950)).toEqual([]);
    expect(elapsedMs).toBeGreaterThanOrEqual(longPauses.length * 950);

    const polls = emu.requests.count(POLLS);
    const all = emu.requests.count({});
    console.log(
      [
        "runAll figures (200 jobs, concurrency 20)",
        `  elapsed            ${(elapsedMs / 1000).toFixed(2)} s`,
        `  requests           ${all} (${(all / 200).toFixed(2)} per job): ${pushesReceived} pushes, ${polls} polls`,
        `  429s on pushes     ${refused} (resent after the pause; ${longPauses.length} of them paused the batch 1 s)`,
        `  dropped pushes     ${dropped} (reported ambiguous, not resent)`,
        `  503s on polls      ${pollFaults.slice(0, polls).filter((f) => f.status).length}`,
        `  jobs created       ${emu.jobs.size}, duplicates ${[...perInput.values()].filter((c) => c > 1).length}`,
        `  most running       ${maxRunning}`,
      ].join("\n"),
    );
  }, 60_000);

  it("a batch killed part-way, rerun with the same journal, pushes nothing twice", async () => {
    const emu = await emulator();
    const dir = await mkdtemp(join(tmpdir(), "sieve-run-all-"));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const journal = join(dir, "batch.jsonl");
    const count = 120;
    // The 50th push is held for 5 s: the process dies with it in flight (its answer never
    // recorded), besides the jobs it was waiting for.
    emu.faults.next({ matching: PUSHES, latencyMs: 0, times: 49 });
    emu.faults.next({ matching: PUSHES, latencyMs: 5_000 });

    const child = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "test/integration/run-all-child.ts",
        emu.url,
        emu.apiKey,
        journal,
        `${count}`,
      ],
      { cwd: root, stdio: ["ignore", "pipe", "pipe"] },
    );
    cleanups.push(async () => child.kill("SIGKILL"));
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    const exited = new Promise((resolve) => child.on("close", resolve));
    await vi.waitFor(() => expect(emu.requests.count(PUSHES)).toBeGreaterThanOrEqual(50), {
      timeout: 30_000,
      interval: 20,
    });
    child.kill("SIGKILL");
    await exited;
    const reportedBeforeCrash = stdout
      .split("\n")
      .filter((line) => line.startsWith("result")).length;
    const pushesBefore = emu.requests.count(PUSHES);
    const lines = (await readFile(journal, "utf8")).split("\n").filter(Boolean).length;
    expect(stdout).not.toContain("done");

    const sieve = createSieveClient({ apiKey: emu.apiKey, baseUrl: emu.url });
    const started = Date.now();
    const results: BatchResult<PushJobRequest>[] = [];
    for await (const result of sieve.jobs.runAll(requests(count), { journal, concurrency: 10 }))
      results.push(result);
    const elapsedMs = Date.now() - started;

    expect(results.map((r) => r.index).sort((a, b) => a - b)).toEqual(
      Array.from({ length: count }, (_, i) => i),
    );
    const perInput = jobsPerInput(emu);
    expect([...perInput.values()].every((c) => c === 1)).toBe(true);
    const ambiguous = results.filter((r) => r.error instanceof SieveAmbiguousPushError);
    expect(ambiguous.length).toBeGreaterThanOrEqual(1);
    for (const result of ambiguous) expect(result.resumed).toBe(true);
    expect(results.filter((r) => r.job).length + ambiguous.length).toBe(count);
    // Every item with a job got exactly that job; the ambiguous ones were never pushed again.
    for (const result of results) if (result.job) expect(perInput.get(result.index)).toBe(1);
    const pushesAfter = emu.requests.count(PUSHES) - pushesBefore;
    const resumed = results.filter((r) => r.resumed).length;
    expect(pushesAfter).toBe(count - resumed);

    console.log(
      [
        "runAll crash and resume",
        `  killed after       ${pushesBefore} pushes, ${reportedBeforeCrash} results printed, ${lines} journal lines`,
        `  rerun              ${(elapsedMs / 1000).toFixed(2)} s: ${pushesAfter} pushes, ${resumed} items from the journal (${ambiguous.length} ambiguous)`,
        `  jobs created       ${emu.jobs.size} for ${count} items, duplicates ${[...perInput.values()].filter((c) => c > 1).length}`,
      ].join("\n"),
    );
  }, 60_000);
});
