import { figure, type Figure, type Target } from "../support/figures.js";
import { round } from "../support/stats.js";
import type { BatchRun } from "./batch-scenario.js";
import type { ResumeRun } from "./resume-scenario.js";
import type { EmulatorCounts } from "./run-all-types.js";

/** Most requests per job, on average: a push and its long-poll, plus what the faults cost. */
export const MAX_REQUESTS_PER_JOB = 2.5;
/** Most the client process's resident memory may grow by during a batch, in MB. */
export const MAX_RSS_GROWTH_MB = 150;

/** The target of a count that must be zero. */
const NONE: Target = { op: "<=", limit: 0 };
const thousands = (n: number) => n.toLocaleString("en-US");

/** The figures of a faulty batch: duplicates, reports, requests, memory, time. */
export function batchFigures({ client, emulator }: BatchRun): Figure[] {
  const section = `6 runAll x${thousands(client.jobs)}`;
  const f = (name: string, value: number, unit: string, target?: Figure["target"]) =>
    figure(section, name, value, unit, target);
  const otherErrors = Object.values(client.otherErrors).reduce((sum, n) => sum + n, 0);
  const requestsPerJob = perJob(emulator.requests, client.jobs);
  const rss: Target = { op: "<", limit: MAX_RSS_GROWTH_MB };
  const heapKept = round(client.heapUsedMb.afterGc - client.heapUsedMb.before, 1);
  // Exact only if every request took its own draw (see FaultFeeder).
  const faults = emulator.faultQueueRanDry ? " (approximate)" : "";
  const [pushes, reads] = [
    `of ${thousands(emulator.pushes)}`,
    `of ${thousands(emulator.jobReads)}`,
  ];
  return [
    f("duplicate pushes (inputs with 2+ jobs)", emulator.inputsPushedTwice, "", NONE),
    f("jobs not reported exactly once", client.notReportedOnce, "", NONE),
    f("requests per job (all requests received / jobs)", requestsPerJob, "", {
      op: "<=",
      limit: MAX_REQUESTS_PER_JOB,
    }),
    f("  pushes per job", perJob(emulator.pushes, client.jobs), ""),
    f("  job reads per job (await + polls)", perJob(emulator.jobReads, client.jobs), ""),
    f("  await long-polls per job", perJob(emulator.awaits, client.jobs), ""),
    f("client RSS growth (peak - after GC)", client.rssMb.growth, "MB", rss),
    f("client RSS peak", client.rssMb.peak, "MB"),
    f("client heap kept after the batch (after GC)", heapKept, "MB"),
    f("wall time", round(client.elapsedMs / 1_000, 2), "s"),
    f("throughput", round(client.jobs / (client.elapsedMs / 1_000), 1), "jobs/s"),
    f("client CPU per job", round((client.cpuMs * 1_000) / client.jobs), "µs"),
    f(`faults injected: pushes${faults}`, injected(emulator, "pushes"), pushes),
    f(`faults injected: job reads${faults}`, injected(emulator, "job reads"), reads),
    f("results: finished", client.finished, ""),
    f("results: ambiguous push (not resent)", client.ambiguous, ""),
    f("results: other errors", otherErrors, ""),
    f("most items running at once", client.mostRunning, ""),
  ];
}

/** The figures of a batch killed part-way and rerun with its journal. */
export function resumeFigures(run: ResumeRun): Figure[] {
  const { coverage, final, rerun } = run;
  const section = `6 runAll kill+resume x${thousands(rerun.jobs)}`;
  const f = (name: string, value: number, unit: string, target?: Figure["target"]) =>
    figure(section, name, value, unit, target);
  return [
    f(`killed at job (seed ${run.killSeed})`, run.killed.jobs, `of ${thousands(rerun.jobs)}`),
    f("  results written before the kill", coverage.firstRun, ""),
    f("  journal lines at the kill", run.journalLines, ""),
    f("jobs pushed twice (inputs with 2+ jobs)", final.inputsPushedTwice, "", NONE),
    f("jobs reported by neither run", coverage.inNeither, "", NONE),
    f("jobs reported twice by one run", coverage.twiceInOneRun, "", NONE),
    // A resumed batch reports at least once: the rerun reports again, as `resumed: true`, the
    // items the killed process may already have handled (it cannot know which it did).
    f("jobs reported by both runs (rerun: resumed: true)", coverage.inBoth, ""),
    f("  of them re-reported without resumed: true", coverage.inBothNotResumed, "", NONE),
    f("rerun: pushes sent", final.pushes - run.atKill.pushes, ""),
    f("rerun: items from the journal (resumed)", rerun.resumed, ""),
    f("rerun: ambiguous results (in flight at the kill, or a faulty push)", rerun.ambiguous, ""),
    f("rerun: wall time", round(rerun.elapsedMs / 1_000, 2), "s"),
  ];
}

/** How many faults the emulator injected into one class of requests. */
function injected(emulator: EmulatorCounts, className: string): number {
  const faults = emulator.faults?.[className]?.faults ?? {};
  return Object.values(faults).reduce((sum, n) => sum + n, 0);
}

function perJob(count: number, jobs: number): number {
  return round(count / jobs, 3);
}
