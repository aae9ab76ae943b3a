import type { ConcurrencyChunk } from "../../generated/sieve.js";
import type { JobRecord } from "./job-store.js";
import { sieveTimestamp } from "./sieve-format.js";

/** What `GET /usage/concurrency` asks for, validated. */
export interface HistoryQuery {
  fromMs: number;
  toMs: number;
  chunkMinutes: number;
  /** The final status of the jobs counted; `""` for any final status. */
  status: "" | "finished" | "cancelled" | "error";
  /** `owner/name`; every function when absent. */
  functionRef?: string;
}

const FINAL = new Set(["finished", "cancelled", "error"]);

/**
 * Sieve's concurrency history: the window cut into chunks of `chunkMinutes` (the last one may
 * be shorter), each with the jobs pushed in it that ended with `status`, their median running
 * time, and the concurrency that implies (`jobs × median / chunk length`).
 */
export function concurrencyHistory(
  jobs: readonly JobRecord[],
  { fromMs, toMs, chunkMinutes, status, functionRef }: HistoryQuery,
): ConcurrencyChunk[] {
  const counted = jobs.filter(
    (job) =>
      (functionRef === undefined || job.function === functionRef) &&
      (status === "" ? FINAL.has(job.status) : job.status === status),
  );
  const chunks: ConcurrencyChunk[] = [];
  const step = chunkMinutes * 60_000;
  for (let start = fromMs; start < toMs; start += step) {
    const end = Math.min(start + step, toMs);
    const inChunk = counted.filter((job) => job.createdAt >= start && job.createdAt < end);
    const median = medianOf(inChunk.map(processingSeconds));
    chunks.push({
      chunk_start: sieveTimestamp(start),
      chunk_end: sieveTimestamp(end),
      num_jobs: inChunk.length,
      median_processing_time_seconds: median,
      average_concurrency: (inChunk.length * median) / ((end - start) / 1_000),
    });
  }
  return chunks;
}

/** The window Sieve defaults to: the previous UTC day, 00:00 to 23:59. */
export function previousDay(now = Date.now()): { fromMs: number; toMs: number } {
  const today = now - (now % 86_400_000);
  return { fromMs: today - 86_400_000, toMs: today - 60_000 };
}

function processingSeconds(job: JobRecord): number {
  if (job.startedAt === null || job.completedAt === null) return 0;
  return (job.completedAt - job.startedAt) / 1_000;
}

function medianOf(values: number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? 0)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
