import { SieveRunAbortedError, SieveWaitTimeoutError } from "../../node.js";
import type { CommandSpec } from "../lib/command-spec.js";
import { isStopReason } from "../lib/errors.js";
import { parseInputs } from "../lib/parse-inputs.js";
import { commandInfo } from "./catalog.js";
import { followJob } from "./follow.js";
import { describeRunStop, describeUnknownRunStop, interruptedAgain } from "./run-stop.js";

/** The status line while a stopped `run` waits for its push's answer, to cancel the job. */
export const PUSH_GRACE_STATUS = "waiting for the push to answer so its job can be cancelled";

/**
 * `run <owner/name> --input ... [--timeout ms]`: pushes a job, streams its outputs as they
 * appear under a live status line, and cancels it on Ctrl-C, SIGTERM, a closed stdout or
 * `--timeout`, then says what became of it (see `describeRunStop`). A second Ctrl-C while it
 * cancels exits at once with 4, saying the job may still be running. A closed stdout is noticed
 * only at the next write to it (Linux reports nothing on a pipe whose reader left until a write
 * of at least one byte): the first output printed, or with `--json` the job's end; a job that
 * ended but whose outputs could not be printed is named on stderr.
 */
export const runCommand: CommandSpec = {
  ...commandInfo.run,
  run(ctx) {
    const request = { function: ctx.args[0] ?? "", inputs: parseInputs(ctx.options.inputs) };
    return followJob(ctx, {
      initial: "pushing",
      interruptedStatus: (jobId) => (jobId === undefined ? PUSH_GRACE_STATUS : "cancelling"),
      onRepeat: interruptedAgain,
      ownsJob: true,
      streamOutputs: true,
      start: (options) => ctx.client().jobs.run(request, { ...options, cancelOnAbort: true }),
      stopped(error, jobId) {
        if (error instanceof SieveRunAbortedError) return describeRunStop(error);
        if (isStopReason(error) || error instanceof SieveWaitTimeoutError)
          return describeUnknownRunStop(error, jobId);
        return undefined;
      },
    });
  },
};
