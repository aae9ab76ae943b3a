import type { CommandSpec } from "../command-spec.js";
import { CliError } from "../errors.js";
import { parseInputs } from "../parse-inputs.js";
import { abandonedExitCode, followJob } from "./follow.js";

/**
 * `run <owner/name> --input ... [--timeout ms]`: pushes a job, streams its outputs as they
 * appear under a live status line, and cancels it on Ctrl-C or `--timeout`.
 */
export const runCommand: CommandSpec = {
  name: "run",
  args: ["<owner/name>"],
  options: ["input", "timeout"],
  summary: "Push a job, show its status live and stream its outputs; Ctrl-C cancels it",
  examples: [
    "run demo/dubbing --input target_language=spanish",
    'run sieve/dubbing --input file:=\'{"url":"https://example.com/talk.mp4"}\' --input target_language=spanish --timeout 900000',
  ],
  run(ctx) {
    const request = { function: ctx.args[0] ?? "", inputs: parseInputs(ctx.options.inputs) };
    return followJob(ctx, {
      initial: "pushing",
      interruptedStatus: "cancelling",
      streamOutputs: true,
      start: (options) => ctx.client().jobs.run(request, { ...options, cancelOnAbort: true }),
      abandoned: (reason, jobId) =>
        new CliError(
          jobId
            ? `${reason.message}; cancelled job ${jobId}`
            : `${reason.message} while pushing the job`,
          abandonedExitCode(reason),
        ),
    });
  },
};
