import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { JsonChild } from "../support/json-child.js";
import { seededRandom } from "../support/stats.js";
import {
  BATCH_TIMEOUT_MS,
  emulatorCounts,
  startClient,
  withEmulator,
  type BatchScenario,
} from "./batch-scenario.js";
import { readReported, reportCoverage, type ReportCoverage } from "./report-files.js";
import type { ClientResult, EmulatorCounts, KillReport } from "./run-all-types.js";

/** A batch killed part-way and rerun with its file journal. */
export interface ResumeScenario extends BatchScenario {
  /** Seeds the kill point. */
  killSeed: number;
}

/** What happened to the killed batch and its rerun. */
export interface ResumeRun {
  killSeed: number;
  /** The kill point drawn: the client dies as the emulator creates this many-th job. */
  killAtJobs: number;
  /** What the emulator had received when it killed the client. */
  killed: KillReport;
  /** Lines in the journal when the client died. */
  journalLines: number;
  /** The emulator's counts when the client died, and after the rerun. */
  atKill: EmulatorCounts;
  final: EmulatorCounts;
  /** The rerun's own counts. */
  rerun: ClientResult;
  /** How the two processes' results cover the items. */
  coverage: ReportCoverage;
}

/** The kill point lies between these shares of the batch's jobs. */
const KILL_RANGE = { from: 0.05, to: 0.85 } as const;

/**
 * Runs a batch with a file journal in a client process, SIGKILLs that process the moment the
 * emulator creates the `killAtJobs`-th job (drawn from `killSeed`), reruns the same batch with
 * the same journal in a fresh process, and compares what the emulator created and what the two
 * processes reported.
 */
export async function runResumeScenario(scenario: ResumeScenario): Promise<ResumeRun> {
  const { jobs, concurrency, seed, killSeed } = scenario;
  const span = KILL_RANGE.to - KILL_RANGE.from;
  const killAtJobs = Math.max(
    1,
    Math.floor(jobs * (KILL_RANGE.from + span * seededRandom(killSeed)())),
  );
  const dir = await mkdtemp(join(tmpdir(), "sieve-bench-run-all-"));
  const journal = join(dir, "batch.jsonl");
  const outs = [join(dir, "first.txt"), join(dir, "rerun.txt")] as const;
  try {
    return await withEmulator(scenario, async (emulator, url, apiKey) => {
      const base = { url, apiKey, jobs, concurrency, seed, journal };

      const first = await startClient({ ...base, out: outs[0] });
      let killed: KillReport;
      try {
        killed = await runUntilKilled(emulator, first, killAtJobs);
      } finally {
        await first.stop();
      }
      const journalLines = (await readFile(journal, "utf8")).split("\n").filter(Boolean).length;
      const atKill = await emulatorCounts(emulator, false);

      const second = await startClient({ ...base, out: outs[1] });
      let rerun: ClientResult;
      try {
        second.send({ cmd: "start" });
        rerun = await second.next<ClientResult>("result", BATCH_TIMEOUT_MS);
      } finally {
        await second.stop();
      }
      const final = await emulatorCounts(emulator, true);
      const coverage = reportCoverage(
        jobs,
        await readReported(outs[0]),
        await readReported(outs[1]),
      );
      return { killSeed, killAtJobs, killed, journalLines, atKill, final, rerun, coverage };
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Arms the emulator to SIGKILL `client` at its `killAtJobs`-th job, starts the client's batch and
 * waits for the kill; rejects if the client ends otherwise (a crash, or a batch smaller than the
 * kill point).
 */
async function runUntilKilled(
  emulator: JsonChild,
  client: JsonChild,
  killAtJobs: number,
): Promise<KillReport> {
  emulator.send({ cmd: "kill-at", pid: client.pid, jobs: killAtJobs });
  await emulator.next("armed", BATCH_TIMEOUT_MS);
  const killed = emulator.next<KillReport>("killed", BATCH_TIMEOUT_MS);
  killed.catch(() => undefined);
  client.send({ cmd: "start" });
  const ended = client.next<ClientResult>("result", BATCH_TIMEOUT_MS).then(
    () => "the batch ended before the kill",
    (error: Error) => error.message,
  );
  const notKilled = ended.then((why) => {
    if (!why.includes("SIGKILL")) throw new Error(`runAll bench: not killed: ${why}`);
    return killed;
  });
  const report = await Promise.race([killed, notKilled]);
  await ended;
  return report;
}
