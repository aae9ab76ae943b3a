import type { Figure } from "../support/figures.js";
import { runBatchScenario, type BatchRun } from "./batch-scenario.js";
import { runResumeScenario, type ResumeRun } from "./resume-scenario.js";
import { batchFigures, resumeFigures } from "./run-all-figures.js";

/** The runAll benchmark's two batches. */
export interface RunAllBenchConfig {
  /** Jobs of the faulty batch, and how many run at once. */
  jobs: number;
  concurrency: number;
  /** The share of pushes and job reads given a fault. */
  faultRate: number;
  /** Seeds the jobs' durations and the faults. */
  seed: number;
  /** Jobs of the batch that is killed and resumed. */
  resumeJobs: number;
  /** Seeds the kill point. */
  killSeed: number;
}

/**
 * Measures `sieve.jobs.runAll` with the emulator and the client each in a process of its own:
 * a batch of `jobs` requests with `faultRate` of pushes and job reads faulty (duplicate pushes,
 * results per item, requests per job, the client's memory, time), then a batch with a file
 * journal killed (SIGKILL) at a seeded point and rerun (pushes made twice, results per item
 * across the two processes).
 */
export async function benchRunAll(
  config: RunAllBenchConfig,
): Promise<{ batch: BatchRun; resume: ResumeRun; figures: Figure[] }> {
  const { jobs, concurrency, faultRate, seed } = config;
  const batch = await runBatchScenario({ jobs, concurrency, faultRate, seed });
  const resume = await runResumeScenario({
    jobs: config.resumeJobs,
    concurrency,
    faultRate,
    seed: seed + 1,
    killSeed: config.killSeed,
  });
  return { batch, resume, figures: [...batchFigures(batch), ...resumeFigures(resume)] };
}
