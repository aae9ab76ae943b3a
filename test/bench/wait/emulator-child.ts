/**
 * Child process of the waiting benchmark: the emulator, in its own process so that the client
 * process's event loop and memory measure the client alone. Serves one function,
 * `bench/sleep`, whose job ends `finishInMs` after the `release` command.
 *
 * Protocol (JSON lines, see ../support/json-lines.ts):
 * - prints `{"type":"ready",url,apiKey}` once listening;
 * - `{"cmd":"push",finishInMs:[...]}`: pushes one job per entry through its own HTTP API,
 *   then clears the request log; prints `{"type":"pushed",ids}`;
 * - `{"cmd":"release-when-waited"}`: once every job has been read at least once (each wait is
 *   in place: a long-poll held, or a poll on its schedule), starts every job's clock; prints
 *   `{"type":"released",at}`;
 * - `{"cmd":"report"}`: prints `{"type":"report",completedAt,jobGets,requests}`: when each job
 *   finished (ms since the epoch, by id) and how many requests arrived since the push;
 * - stdin closed: closes the emulator and exits.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { startEmulator } from "../../../src/emulator/index.js";
import { emit, listenForCommands } from "../support/json-lines.js";
import { inParallel } from "./in-parallel.js";

let releaseAt = 0;
let release: () => void = () => undefined;
const released = new Promise<void>((resolve) => (release = resolve));
const completedAt: Record<string, number> = {};
const JOB_READ = /^\/jobs\/([^/]+)(?:\/await)?$/;
let pushed = 0;

const emulator = await startEmulator({
  requestLogLimit: 10_000_000,
  functions: {
    "bench/sleep": {
      delayMs: 0,
      handler: async (inputs, { signal }) => {
        await released;
        const left = releaseAt + Number(inputs.finishInMs) - Date.now();
        if (left > 0) await sleep(left, undefined, { signal });
      },
    },
  },
});
emulator.events.on("job", (job) => {
  if (job.status === "finished" && job.completedAt !== null) completedAt[job.id] = job.completedAt;
});

async function pushAll(finishInMs: number[]): Promise<string[]> {
  const ids: string[] = [];
  await inParallel(finishInMs.length, 32, async (n) => {
    const response = await fetch(`${emulator.url}/push`, {
      method: "POST",
      headers: { "X-API-Key": emulator.apiKey, "Content-Type": "application/json" },
      body: JSON.stringify({ function: "bench/sleep", inputs: { finishInMs: finishInMs[n] } }),
    });
    if (!response.ok) throw new Error(`push failed: ${response.status} ${await response.text()}`);
    ids[n] = ((await response.json()) as { id: string }).id;
  });
  emulator.requests.clear();
  pushed = ids.length;
  return ids;
}

/** Resolves once the request log holds a read of every pushed job. */
async function everyJobRead(): Promise<void> {
  const read = new Set<string>();
  let scanned = 0;
  while (read.size < pushed) {
    for (; scanned < emulator.requests.length; scanned++) {
      const id = JOB_READ.exec(emulator.requests[scanned]!.path)?.[1];
      if (id !== undefined) read.add(id);
    }
    await sleep(5);
  }
}

listenForCommands(
  async (command) => {
    if (command.cmd === "push") {
      emit({ type: "pushed", ids: await pushAll(command.finishInMs as number[]) });
    } else if (command.cmd === "release-when-waited") {
      await everyJobRead();
      releaseAt = Date.now();
      release();
      emit({ type: "released", at: releaseAt });
    } else if (command.cmd === "report") {
      // Reads of a job: the long-poll and the polls a wait falls back to.
      const jobGets = emulator.requests.count({ method: "GET", path: /^\/jobs\/[^/]+(\/await)?$/ });
      emit({ type: "report", completedAt, jobGets, requests: emulator.requests.length });
    }
  },
  () => emulator.close(),
);
emit({ type: "ready", url: emulator.url, apiKey: emulator.apiKey });
