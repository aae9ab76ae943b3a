import type { FeederReport } from "../../soak/fault-feeder.js";

/** What the emulator child counted (see `emulator-child.ts`). */
export interface EmulatorCounts {
  type: "report";
  /** Every HTTP request received, whatever it was. */
  requests: number;
  pushes: number;
  /** `GET /jobs/{id}/await` long-polls. */
  awaits: number;
  /** Long-polls and polls (`GET /jobs/{id}`). */
  jobReads: number;
  /** `DELETE /jobs/{id}`. */
  cancels: number;
  jobsCreated: number;
  /** Inputs (`n`) with at least one job. */
  inputsWithJobs: number;
  /** Inputs pushed into more than one job: duplicate pushes. */
  inputsPushedTwice: number;
  /** Jobs beyond the first of their input. */
  extraJobs: number;
  maxJobsPerInput: number;
  /** The faults injected, per class of request (final report only). */
  faults: FeederReport | undefined;
  /** True if a request may have gone without its drawn fault (the feeder fell behind). */
  faultQueueRanDry: boolean;
}

/** What the emulator child says when it killed the client. */
export interface KillReport {
  type: "killed";
  /** Jobs created when the client was killed (the kill point). */
  jobs: number;
  pushes: number;
  requests: number;
}

/** The batch a client process runs (see `client-child.ts`). */
export interface ClientArgs {
  url: string;
  apiKey: string;
  jobs: number;
  concurrency: number;
  /** Seeds the jobs' durations: a rerun must send the same requests. */
  seed: number;
  /** A file journal, to make the batch resumable. */
  journal?: string;
  /** A file each result is appended to as it is yielded. */
  out?: string;
}

/** How the client process's batch went (see `client-child.ts`). */
export interface ClientResult {
  type: "result";
  jobs: number;
  concurrency: number;
  /** First `next()` to the end of the iteration, in ms. */
  elapsedMs: number;
  /** Results yielded, and how many indexes were yielded other than exactly once. */
  results: number;
  notReportedOnce: number;
  finished: number;
  /** `SieveAmbiguousPushError`: a push that may have created a job, never resent. */
  ambiguous: number;
  /** Any other error, by class name. */
  otherErrors: Record<string, number>;
  /** Results with `resumed: true` (a rerun's items the journal knew). */
  resumed: number;
  /** Finished jobs whose output was not their input's `n`. */
  wrongOutputs: number;
  mostRunning: number;
  /** Resident memory of the client process, in MB: after a full GC before the batch, peak. */
  rssMb: { before: number; peak: number; growth: number };
  /** The JS heap in use, in MB: before (after a GC), peak, and after the batch and a GC. */
  heapUsedMb: { before: number; peak: number; afterGc: number };
  /** CPU time of the client process during the batch, in ms. */
  cpuMs: number;
}
