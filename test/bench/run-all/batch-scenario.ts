import { startJsonChild, type JsonChild, type Message } from "../support/json-child.js";
import type { ClientArgs, ClientResult, EmulatorCounts } from "./run-all-types.js";

/** A batch of the runAll benchmark: its size, and the faults its emulator injects. */
export interface BatchScenario {
  jobs: number;
  concurrency: number;
  /** The share of pushes and job reads given a fault (0.2: 20 %). */
  faultRate: number;
  /** Seeds the jobs' durations and the faults drawn. */
  seed: number;
}

/** What the client and the emulator counted of one batch. */
export interface BatchRun {
  client: ClientResult;
  emulator: EmulatorCounts;
}

/** Longer than any batch of the benchmark takes; a batch still running then is stuck. */
export const BATCH_TIMEOUT_MS = 150_000;
/** A fresh `node --import tsx` process takes 1-3 s to start on a loaded 2-core machine. */
const START_TIMEOUT_MS = 60_000;

/**
 * Starts the runAll benchmark's emulator (`emulator-child.ts`) in a child process and hands it
 * to `use`, then stops it.
 */
export async function withEmulator<T>(
  scenario: BatchScenario,
  use: (emulator: JsonChild, url: string, apiKey: string) => Promise<T>,
): Promise<T> {
  const emulator = startJsonChild("run-all/emulator-child.ts", [
    String(scenario.faultRate),
    String(scenario.seed),
  ]);
  try {
    const ready = await emulator.next<Message & { url: string; apiKey: string }>(
      "ready",
      START_TIMEOUT_MS,
    );
    return await use(emulator, ready.url, ready.apiKey);
  } finally {
    await emulator.stop();
  }
}

/** Starts a client process (`client-child.ts`) and waits until it is ready for `start`. */
export async function startClient(args: ClientArgs): Promise<JsonChild> {
  const client = startJsonChild("run-all/client-child.ts", [JSON.stringify(args)]);
  try {
    await client.next("ready", START_TIMEOUT_MS);
  } catch (error) {
    await client.stop();
    throw error;
  }
  return client;
}

/** Asks the emulator child for its counts; `final` also ends its fault injection. */
export async function emulatorCounts(emulator: JsonChild, final: boolean): Promise<EmulatorCounts> {
  emulator.send({ cmd: "report", final });
  return emulator.next<EmulatorCounts>("report", START_TIMEOUT_MS);
}

/**
 * Runs one batch, `jobs` requests `concurrency` at a time, in a client process against the
 * emulator in another, and returns what each counted.
 */
export async function runBatchScenario(scenario: BatchScenario): Promise<BatchRun> {
  return withEmulator(scenario, async (emulator, url, apiKey) => {
    const { jobs, concurrency, seed } = scenario;
    const client = await startClient({ url, apiKey, jobs, concurrency, seed });
    let result: ClientResult;
    try {
      client.send({ cmd: "start" });
      result = await client.next<ClientResult>("result", BATCH_TIMEOUT_MS);
    } finally {
      await client.stop();
    }
    return { client: result, emulator: await emulatorCounts(emulator, true) };
  });
}
