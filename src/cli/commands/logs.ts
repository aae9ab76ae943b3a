import { logLines } from "../../node.js";
import type { CommandSpec } from "../lib/command-spec.js";
import { CliError, isStopReason } from "../lib/errors.js";
import { ExitCode } from "../lib/exit-codes.js";
import { formatLogLine } from "../lib/output.js";
import { commandInfo } from "./catalog.js";

/**
 * `logs <job-id> [--follow]`: a job's log lines, oldest first. With `--follow`, each new line as
 * it is written, until the job ends (with `--json`, one JSON object per line: a stream has no one
 * document); Ctrl-C stops following (130) and leaves the job alone.
 */
export const logsCommand: CommandSpec = {
  ...commandInfo.logs,
  async run(ctx) {
    const jobId = ctx.args[0] ?? "";
    if (!ctx.options.follow) {
      const answer = await ctx.client().jobs.logs(jobId);
      ctx.emit(answer, () => logLines(answer).map(formatLogLine));
      return ExitCode.ok;
    }
    const interrupt = ctx.io.onInterrupt();
    try {
      const lines = ctx.client().jobs.followLogs(jobId, { signal: interrupt.signal });
      for await (const line of lines)
        ctx.screen.out(ctx.global.json ? JSON.stringify(line) : formatLogLine(line));
      return ExitCode.ok;
    } catch (error) {
      if (!isStopReason(error)) throw error;
      const message = `${error.message}; stopped following the logs of job ${jobId} (the job goes on)`;
      throw new CliError(message, error.exitCode, { cause: error });
    } finally {
      interrupt.dispose();
    }
  },
};
