import {
  SieveAmbiguousPushError,
  SieveJobCancelledError,
  SieveRunAbortedError,
  jobOutputs,
  type BatchResult,
  type FunctionIO,
} from "../../../node.js";

/**
 * How a request of `batch` ended: its job `finished`; it was `cancelled` (its job was cancelled
 * by someone else, or the batch was stopped by Ctrl-C, SIGTERM or a closed stdout before it
 * ended: its error says what became of the job); it is `ambiguous` (its push may have created a
 * job whose id is unknown); or it `failed` (the job failed, the push was refused, the request
 * was bad...). The same counts as `runAll`'s progress, an ambiguous push aside.
 */
export type BatchOutcome = "finished" | "failed" | "cancelled" | "ambiguous";

/** One line of `batch`'s results: what became of the request at `index`. */
export interface ResultRecord {
  /** The request's position among the non-blank lines of the requests file, from 0. */
  index: number;
  outcome: BatchOutcome;
  /** The request's job, when one was pushed and its id is known. */
  jobId: string | null;
  /** False only when no job was created for the request: it is safe to push it again. */
  jobMayExist: boolean;
  /** True when an earlier run, recorded in the journal, pushed the job. */
  resumed: boolean;
  /** A finished job's outputs. */
  outputs?: FunctionIO[];
  /** Why the request did not finish: the client error's JSON (`name`, `message`...). */
  error?: Record<string, unknown>;
}

/** The outcome of a `runAll` result. */
export function outcomeOf(result: BatchResult): BatchOutcome {
  if (result.job) return "finished";
  const { error } = result;
  if (error instanceof SieveAmbiguousPushError) return "ambiguous";
  if (error instanceof SieveJobCancelledError) return "cancelled";
  if (!(error instanceof SieveRunAbortedError) || error.reason !== "aborted") return "failed";
  return error.jobId === undefined && error.jobMayExist ? "ambiguous" : "cancelled";
}

/**
 * Whether the request's job may still be running after the batch stopped it: its cancel failed
 * or was never sent, or its push may have created a job whose id never came back.
 */
export function mayStillRun(result: BatchResult): boolean {
  const { error } = result;
  if (!(error instanceof SieveRunAbortedError) || !error.jobMayExist) return false;
  if (error.jobId === undefined) return true;
  const { status } = error.cancellation;
  return status === "failed" || status === "not-attempted";
}

/** The line of the results file (or stdout) for a result. */
export function toResultRecord(result: BatchResult): ResultRecord {
  const { index, resumed } = result;
  const outcome = outcomeOf(result);
  if (result.job) {
    const outputs = jobOutputs(result.job);
    return { index, outcome, jobId: result.jobId, jobMayExist: true, resumed, outputs };
  }
  const { jobMayExist } = result;
  const error = result.error.toJSON();
  return { index, outcome, jobId: result.jobId ?? null, jobMayExist, resumed, error };
}

/**
 * One line for people about a result, on stderr: index, outcome, job id and, for a request that
 * did not finish, why. `indexWidth` aligns the indexes of a batch. No control character: what a
 * server put in an error message cannot move the cursor or split the line.
 */
export function formatResultLine(record: ResultRecord, indexWidth = 0): string {
  const job =
    record.jobId !== null
      ? `job ${printable(record.jobId)}`
      : record.jobMayExist
        ? "job unknown"
        : "no job";
  const resumed = record.resumed ? " (resumed)" : "";
  const message = record.error?.message;
  const why = typeof message === "string" && message !== "" ? `: ${printable(message)}` : "";
  const index = String(record.index).padStart(indexWidth);
  return `item ${index}  ${record.outcome.padEnd(9)}  ${job}${resumed}${why}`;
}

/** `text` on one line, its control characters (C0, DEL, C1, line separators) made spaces. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, " ").trim();
}
