import type { CommandSpec } from "../command-spec.js";
import { CliError } from "../errors.js";
import { abandonedExitCode, followJob } from "./follow.js";

/** `wait <job-id> [--timeout ms]`: follows a job to its end, then prints its outputs. */
export const waitCommand: CommandSpec = {
  name: "wait",
  args: ["<job-id>"],
  options: ["timeout"],
  summary: "Wait for a job with a live status line, then print its outputs",
  examples: [
    "wait 0b2c7e3a-2d9c-4a6e-9f4b-5c1d0e8f7a61",
    "wait 0b2c7e3a-2d9c-4a6e-9f4b-5c1d0e8f7a61 --timeout 600000 --json",
  ],
  run(ctx) {
    const jobId = ctx.args[0] ?? "";
    return followJob(ctx, {
      initial: "waiting",
      jobId,
      interruptedStatus: "interrupted",
      streamOutputs: false,
      start: (options) => ctx.client().jobs.wait(jobId, options),
      abandoned: (reason) =>
        new CliError(
          `${reason.message}; job ${jobId} goes on running (sieve-client cancel ${jobId} stops it)`,
          abandonedExitCode(reason),
        ),
    });
  },
};
