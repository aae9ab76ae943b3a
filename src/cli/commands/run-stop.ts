import { SieveRunAbortedError } from "../../node.js";
import { exitCodeFor } from "../lib/client-errors.js";
import { CliError, isStopReason } from "../lib/errors.js";
import { ExitCode, type ExitCodeValue } from "../lib/exit-codes.js";

/** What `run` says when the push may have created a job whose id it never learned. */
export const MAYBE_CREATED = "the push may have created a job; run `sieve-client list` to check";

/**
 * `run`'s report of a `SieveRunAbortedError`: what stopped it, then the truth about the job, with
 * its exit code. A job cancelled, one that had already ended (its cancel was refused), or none
 * created: the stop's own code (130 SIGINT, 143 SIGTERM, 141 closed stdout, 74 failed stdout, 3
 * `--timeout` or a poll that failed for good, 70 a failing callback). A job that may still be
 * running: 4.
 */
export function describeRunStop(error: SieveRunAbortedError): CliError {
  const [outcome, mayRun] = describeOutcome(error);
  const exitCode = mayRun ? ExitCode.mayBeRunning : stopExitCode(error);
  return new CliError(`${stopHead(error)}; ${outcome}`, exitCode, { cause: error });
}

/**
 * `run`'s report of a stop that did not come as a `SieveRunAbortedError` (a client that rejects
 * with the signal's reason): the job's fate is unknown, so it may still be running (exit 4).
 */
export function describeUnknownRunStop(error: Error, jobId: string | undefined): CliError {
  const outcome = jobId === undefined ? MAYBE_CREATED : mayStillRun(jobId);
  return new CliError(`${error.message}; ${outcome}`, ExitCode.mayBeRunning, { cause: error });
}

/**
 * What a second Ctrl-C during `run`'s cancel (or its wait for the push's answer) reports before
 * the process exits at once with 4.
 */
export function interruptedAgain(jobId: string | undefined): CliError {
  const message =
    jobId === undefined
      ? `interrupted while waiting for the push to answer; ${MAYBE_CREATED}`
      : `interrupted while cancelling; ${mayStillRun(jobId)}`;
  return new CliError(message, ExitCode.mayBeRunning);
}

function mayStillRun(jobId: string): string {
  return `job ${jobId} may still be running (sieve-client cancel ${jobId} stops it)`;
}

/** The outcome for the job, and whether it may still be running. */
function describeOutcome(error: SieveRunAbortedError): [string, boolean] {
  const { jobId, cancellation } = error;
  if (jobId === undefined)
    return error.jobMayExist ? [MAYBE_CREATED, true] : ["no job was created", false];
  const stops = `(sieve-client cancel ${jobId} stops it)`;
  switch (cancellation.status) {
    case "cancelled":
      return [`cancelled job ${jobId}`, false];
    case "already-ended":
      return [`job ${jobId} had already ended (${cancellation.jobStatus})`, false];
    case "failed":
      return [
        `could not cancel job ${jobId}: ${cancellation.error.message}; it may still be running ${stops}`,
        true,
      ];
    default:
      return [
        `job ${jobId} was not cancelled (${cancellation.reason}); it may still be running ${stops}`,
        true,
      ];
  }
}

/** What stopped the run, as the head of the message. */
function stopHead(error: SieveRunAbortedError): string {
  const { cause } = error;
  if (cause instanceof Error && cause.message) return cause.message;
  return error.reason === "timeout" ? "--timeout ran out" : `run stopped (${error.reason})`;
}

function stopExitCode(error: SieveRunAbortedError): ExitCodeValue {
  const { cause } = error;
  if (isStopReason(cause)) return cause.exitCode;
  if (error.reason === "timeout") return ExitCode.apiError;
  // "callback" (a SieveCallbackError: 70), "error" (the poll's failure: 3 for an API error)...
  return exitCodeFor(cause);
}
