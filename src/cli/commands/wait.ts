import { SieveWaitTimeoutError } from "../../node.js";
import type { CommandSpec } from "../lib/command-spec.js";
import { CliError, isStopReason } from "../lib/errors.js";
import { ExitCode } from "../lib/exit-codes.js";
import { commandInfo } from "./catalog.js";
import { followJob } from "./follow.js";

/**
 * `wait <job-id> [--timeout ms]`: follows a job to its end, then prints its outputs. It never
 * cancels: interrupted or out of time, it says it stopped waiting and that the job was not
 * cancelled (130/143 for a signal, 3 for `--timeout`).
 */
export const waitCommand: CommandSpec = {
  ...commandInfo.wait,
  run(ctx) {
    const jobId = ctx.args[0] ?? "";
    const notCancelled = `it was not cancelled (sieve-client cancel ${jobId} stops it)`;
    return followJob(ctx, {
      initial: "waiting",
      jobId,
      interruptedStatus: () => "interrupted",
      ownsJob: false,
      streamOutputs: false,
      start: (options) => ctx.client().jobs.wait(jobId, options),
      stopped(error) {
        if (isStopReason(error))
          return new CliError(
            `${error.message}; stopped waiting for job ${jobId}; ${notCancelled}`,
            error.exitCode,
            { cause: error },
          );
        if (error instanceof SieveWaitTimeoutError)
          return new CliError(`${error.message}; ${notCancelled}`, ExitCode.apiError, {
            cause: error,
          });
        return undefined;
      },
    });
  },
};
