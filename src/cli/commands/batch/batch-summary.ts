import type { BatchResult } from "../../../node.js";
import type { CliError } from "../../lib/errors.js";
import { ExitCode, type ExitCodeValue } from "../../lib/exit-codes.js";
import { mayStillRun, type BatchOutcome, type ResultRecord } from "./result-record.js";

/** What a batch came to: how many requests, and how each reported one ended. */
export interface BatchSummary {
  /** Requests in the file. */
  total: number;
  /** Requests reported (each once). */
  reported: number;
  /** Reported requests by outcome. */
  outcomes: Record<BatchOutcome, number>;
  /** Reported requests whose job an earlier run pushed. */
  resumed: number;
  /** Requests whose job may still be running (a cancel that failed, a push never answered). */
  mayStillRun: number;
}

/** A summary of `total` requests, none reported yet. */
export function emptySummary(total: number): BatchSummary {
  return {
    total,
    reported: 0,
    outcomes: { finished: 0, failed: 0, cancelled: 0, ambiguous: 0 },
    resumed: 0,
    mayStillRun: 0,
  };
}

/** Counts one reported request into `summary`. */
export function countResult(summary: BatchSummary, result: BatchResult, record: ResultRecord) {
  summary.reported++;
  summary.outcomes[record.outcome]++;
  if (record.resumed) summary.resumed++;
  if (mayStillRun(result)) summary.mayStillRun++;
}

/**
 * The exit code of a batch: 4 when a job may still be running (whatever else happened); else
 * what stopped it (130 Ctrl-C, 143 SIGTERM, 141 stdout closed, 74 a write failed, 3 the API key
 * refused); else 0 when every request finished, 1 when any did not.
 */
export function batchExitCode(summary: BatchSummary, stop: CliError | undefined): ExitCodeValue {
  if (summary.mayStillRun > 0) return ExitCode.mayBeRunning;
  if (stop) return stop.exitCode;
  return summary.outcomes.finished === summary.total ? ExitCode.ok : ExitCode.jobFailed;
}

/** Where a batch's results and journal are, for its summary. */
export interface BatchPlaces {
  /** The results file, or undefined for stdout. */
  out: string | undefined;
  /** The journal file, or undefined without one. */
  journal: string | undefined;
}

/**
 * The batch's last line on stderr, e.g. `3 of 200 requests did not finish: 197 finished, 2
 * failed, 1 cancelled; results in out.jsonl`, preceded by what stopped it, if anything.
 */
export function describeSummary(
  summary: BatchSummary,
  places: BatchPlaces,
  stop: CliError | undefined,
): string {
  const { total, reported, outcomes } = summary;
  const unfinished = total - outcomes.finished;
  const head =
    total === 0
      ? "no requests to run"
      : unfinished === 0
        ? `${total === 1 ? "the request" : `all ${total} requests`} finished`
        : `${unfinished} of ${total} ${total === 1 ? "request" : "requests"} did not finish`;
  const counts = (["finished", "failed", "cancelled", "ambiguous"] as const)
    .filter((outcome) => outcome === "finished" || outcomes[outcome] > 0)
    .map((outcome) => `${outcomes[outcome]} ${outcome}`);
  if (reported < total) counts.push(`${total - reported} not started`);
  const parts = [unfinished === 0 ? head : `${head}: ${counts.join(", ")}`];
  if (summary.resumed > 0) parts.push(`${summary.resumed} from the journal of an earlier run`);
  if (summary.mayStillRun > 0)
    parts.push(
      `${summary.mayStillRun} ${summary.mayStillRun === 1 ? "job" : "jobs"} may still be running (sieve-client list --status processing shows them)`,
    );
  parts.push(places.out === undefined ? "results on stdout" : `results in ${places.out}`);
  if (reported < total || stop)
    parts.push(
      places.journal === undefined
        ? "no journal: a rerun would push every request again (give --out or --journal to resume)"
        : `rerun the same command to resume (journal ${places.journal})`,
    );
  return [...(stop ? [stop.message.replace(/\.$/, "")] : []), ...parts].join("; ");
}
