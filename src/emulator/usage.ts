import type { DetailedUsage } from "../../generated/sieve.js";
import type { JobRecord } from "./job-store.js";
import type { MachineKey } from "./pricing.js";

/** A time window in ms since the epoch: from (inclusive) to (exclusive). */
export interface UsageWindow {
  fromMs: number;
  toMs: number;
}

/** All time. */
export const ALL_TIME: UsageWindow = { fromMs: -Infinity, toMs: Infinity };

const MACHINES: readonly MachineKey[] = ["cpu", "a100", "a100-20gb", "v100", "l4", "t4", "other"];

/**
 * How long a job ran (from `processing` to its end, or to `now` while it runs) inside the
 * window, in ms; 0 for a job that never started.
 */
export function runningMs(
  job: JobRecord,
  window: UsageWindow = ALL_TIME,
  now = Date.now(),
): number {
  if (job.startedAt === null) return 0;
  const from = Math.max(job.startedAt, window.fromMs);
  const to = Math.min(job.completedAt ?? now, window.toMs);
  return Math.max(0, to - from);
}

/**
 * What a job cost in dollars so far: its running time times its function's price.
 */
export function jobCost(job: JobRecord, now = Date.now()): number {
  return (runningMs(job, ALL_TIME, now) / 1_000) * job.registered.pricePerSecond;
}

/**
 * The compute seconds and dollars of `jobs` inside the window, in total and per machine type
 * (null for a machine type no job ran on).
 */
export function usageOf(
  jobs: Iterable<JobRecord>,
  window: UsageWindow = ALL_TIME,
  now = Date.now(),
): DetailedUsage {
  const usage: DetailedUsage = { total_compute_seconds: 0, total_cost_dollars: 0 };
  for (const machine of MACHINES) usage[machine] = null;
  for (const job of jobs) {
    const seconds = runningMs(job, window, now) / 1_000;
    if (seconds === 0 && !ranInside(job, window, now)) continue;
    const dollars = seconds * job.registered.pricePerSecond;
    const machine = (usage[job.registered.machine] ??= { compute_seconds: 0, cost_dollars: 0 });
    machine.compute_seconds += seconds;
    machine.cost_dollars += dollars;
    usage.total_compute_seconds += seconds;
    usage.total_cost_dollars += dollars;
  }
  return usage;
}

/** Whether a job ran at some point inside the window (a job may run for 0 ms). */
function ranInside(job: JobRecord, window: UsageWindow, now: number): boolean {
  if (job.startedAt === null) return false;
  return job.startedAt < window.toMs && (job.completedAt ?? now) >= window.fromMs;
}
