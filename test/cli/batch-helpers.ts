import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll } from "vitest";
import { startEmulator, type Emulator, type EmulatorJob } from "../../src/emulator/index.js";

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener("abort", () => (clearTimeout(timer), resolve()), { once: true });
  });

/** The functions of the batch tests' emulator, and the gates of `batch/gated`. */
export interface BatchEmulator {
  emu: Emulator;
  /** Lets a `batch/gated` job finish (now, or as soon as it starts). */
  release(jobId: string): void;
  /** Lets every `batch/gated` job of `prefix` finish, those pushed later too. */
  releaseAll(prefix: string): void;
  /** The jobs whose `text` input starts with `prefix`. */
  jobsOf(prefix: string): EmulatorJob[];
  /** Starts counting the jobs of `prefix` pushed and not ended; `max()` is the most at once. */
  trackInFlight(prefix: string): { max(): number };
  /** A temporary directory for the file, removed after its tests. */
  dir(): string;
}

/**
 * An emulator for the whole test file, at the organization limit `maxConcurrency`, serving
 * `batch/echo` (its `text` after `ms` milliseconds, default 100), `batch/broken` (fails with
 * "boom") and `batch/gated` (runs until released or cancelled).
 */
export function useBatchEmulator(maxConcurrency = 10_000): BatchEmulator {
  let emu: Emulator | undefined;
  let dir = "";
  const gates = new Map<string, { text: string; open: () => void }>();
  const released = new Set<string>();
  const releasedPrefixes = new Set<string>();
  const isReleased = (jobId: string, text: string) =>
    released.has(jobId) || [...releasedPrefixes].some((prefix) => text.startsWith(prefix));
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "sieve-batch-"));
    emu = await startEmulator({
      maxConcurrency,
      functions: {
        "batch/echo": {
          handler: async (inputs, { signal }) => {
            await sleep(typeof inputs.ms === "number" ? inputs.ms : 100, signal);
            return inputs.text ?? null;
          },
        },
        "batch/broken": { handler: async () => "partial", failWith: "boom" },
        "batch/gated": {
          handler: (inputs, { jobId, signal }) =>
            new Promise((resolve) => {
              const open = () => resolve("released");
              const text = String(inputs.text ?? "");
              if (isReleased(jobId, text)) open();
              else gates.set(jobId, { text, open });
              signal.addEventListener("abort", () => resolve(undefined), { once: true });
            }),
        },
      },
    });
  });
  afterAll(async () => {
    await emu?.close();
    await rm(dir, { recursive: true, force: true });
  });
  const started = () => {
    if (!emu) throw new Error("the batch emulator is not started yet");
    return emu;
  };
  const textOf = (job: EmulatorJob) => String(job.inputs.text ?? "");
  return {
    get emu() {
      return started();
    },
    release(jobId) {
      released.add(jobId);
      gates.get(jobId)?.open();
    },
    releaseAll(prefix) {
      releasedPrefixes.add(prefix);
      for (const gate of gates.values()) if (gate.text.startsWith(prefix)) gate.open();
    },
    jobsOf: (prefix) =>
      started()
        .jobs.list()
        .filter((job) => textOf(job).startsWith(prefix)),
    trackInFlight(prefix) {
      const inFlight = new Set<string>();
      let max = 0;
      started().events.on("job", (job) => {
        if (!textOf(job).startsWith(prefix)) return;
        if (job.completedAt === null) inFlight.add(job.id);
        else inFlight.delete(job.id);
        max = Math.max(max, inFlight.size);
      });
      return { max: () => max };
    },
    dir: () => dir,
  };
}

/** Writes a requests file: the i-th line a request of `fns[i]` with the input `text: <prefix><i>`. */
export async function writeRequests(
  dir: string,
  name: string,
  prefix: string,
  fns: readonly string[],
): Promise<string> {
  const path = join(dir, name);
  const lines = fns.map((fn, i) =>
    JSON.stringify({ function: fn, inputs: { text: `${prefix}${i}` } }),
  );
  await writeFile(path, `${lines.join("\n")}\n`);
  return path;
}

/** One line of `batch`'s results. */
export interface ResultLine {
  index: number;
  outcome: string;
  jobId: string | null;
  jobMayExist: boolean;
  resumed: boolean;
  outputs?: Array<{ data: unknown }>;
  error?: { name: string; message: string };
}

/** The results in JSON-lines text. */
export function parseResults(text: string): ResultLine[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as ResultLine);
}

/** The results of a file. */
export async function readResults(path: string): Promise<ResultLine[]> {
  return parseResults(await readFile(path, "utf8"));
}

/** The indexes of `results`, sorted (a duplicate shows twice). */
export function indexesOf(results: readonly ResultLine[]): number[] {
  return results.map((result) => result.index).sort((a, b) => a - b);
}

/** 0, 1, ... n - 1. */
export function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}
