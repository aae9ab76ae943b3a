import {
  SieveJobCancelledError,
  SieveJobFailedError,
  jobOutputs,
  type FunctionIO,
  type Job,
  type SieveClient,
  type WaitStrategy,
} from "../../node.js";
import type { CommandContext } from "../lib/context.js";
import { describeError } from "../lib/client-errors.js";
import type { CliError } from "../lib/errors.js";
import { ExitCode, type ExitCodeValue } from "../lib/exit-codes.js";
import { startLiveStatus } from "../lib/live-status.js";
import { formatOutput } from "../lib/output.js";
import type { Screen } from "../lib/screen.js";

/** What `wait` and `run` each do differently while following a job. */
export interface FollowPlan {
  /**
   * The status line's text before the job's first status.
   */
  initial: string;
  /**
   * The job's id, when known before starting.
   */
  jobId?: string;
  /**
   * The status line's text once SIGINT/SIGTERM (or a failed stdout) stopped it, given the job's
   * id when seen.
   */
  interruptedStatus(jobId: string | undefined): string;
  /**
   * What a second SIGINT/SIGTERM, while the first is being handled, reports before the process
   * exits at once with its `exitCode` (default: exit 130/143 silently).
   */
  onRepeat?(jobId: string | undefined): CliError;
  /**
   * Print each output as it appears (`jobs.outputs`), not only at the end. Never with `--json`.
   */
  streamOutputs: boolean;
  /**
   * Whether the job is this command's work (`run` pushed it): then, should stdout fail once the
   * job ended, stderr says which job ended and how, e.g. `job 3f1c ended (finished), but could
   * not print its outputs: stdout was closed` (see `CommandContext.recordDone`).
   */
  ownsJob: boolean;
  /**
   * Starts the wait (or push + wait) with the signal, timeout and status callback given.
   */
  start(options: {
    signal: AbortSignal;
    timeoutMs: number | undefined;
    onStatus: (job: Job) => void;
    strategy: WaitStrategy;
  }): Promise<Job>;
  /**
   * The error to report when the wait (or run) stopped before the job ended: interrupted, stdout
   * failed, `--timeout`... given the job's id once seen; undefined to report `error` as it is.
   */
  stopped(error: unknown, jobId: string | undefined): CliError | undefined;
}

/**
 * Follows a job to its end with a live status line on stderr, then prints its outputs (the job
 * with `--json`). A finished job gives exit 0; a failed or cancelled one prints what it has,
 * then throws the client's error (exit 1); any other error goes through `plan.stopped`.
 */
export async function followJob(ctx: CommandContext, plan: FollowPlan): Promise<ExitCodeValue> {
  const sieve = ctx.client();
  const { io, screen } = ctx;
  const live = startLiveStatus(screen, {
    tty: io.stderrIsTTY,
    now: io.now,
    initial: plan.initial,
    jobId: plan.jobId,
    columns: io.columns,
  });
  let jobId = plan.jobId;
  const { onRepeat } = plan;
  const interrupt = io.onInterrupt(
    onRepeat && {
      onRepeat() {
        const error = onRepeat(jobId);
        live.stop();
        screen.err(describeError(error, false));
        return error.exitCode;
      },
    },
  );
  // --timeout stops the command as Ctrl-C does: the status says so at once (the job may take a
  // while to cancel), and the outputs stop streaming.
  const timeoutMs = ctx.options.timeoutMs;
  const outOfTime = timeoutMs === undefined ? undefined : AbortSignal.timeout(timeoutMs);
  const stopStreaming = outOfTime
    ? AbortSignal.any([interrupt.signal, outOfTime])
    : interrupt.signal;
  stopStreaming.addEventListener("abort", () => live.update(plan.interruptedStatus(jobId)));
  const printer = createOutputPrinter(screen);
  let stream: BackgroundStream | undefined;
  const finish = async () => {
    await stream?.stop();
    live.stop();
  };
  const ended = (job: Job) => {
    if (plan.ownsJob)
      ctx.recordDone({ done: `job ${job.id} ended (${job.status})`, unprinted: "its outputs" });
    ctx.emit(job, () => printer.rest(jobOutputs(job)));
  };
  try {
    const job = await plan.start({
      signal: interrupt.signal,
      timeoutMs: ctx.options.timeoutMs,
      // The status line shows each change, which only polling sees; --json shows none of them.
      strategy: ctx.global.json ? "await" : "poll",
      onStatus(seen) {
        jobId = seen.id;
        live.update(seen.status, seen.id);
        if (plan.streamOutputs && !ctx.global.json)
          stream ??= streamInBackground(sieve, seen.id, stopStreaming, printer.print);
      },
    });
    await finish();
    ended(job);
    return ExitCode.ok;
  } catch (error) {
    await finish();
    if (error instanceof SieveJobFailedError || error instanceof SieveJobCancelledError) {
      ended(error.job);
      throw error;
    }
    throw plan.stopped(error, jobId) ?? error;
  } finally {
    interrupt.dispose();
  }
}

/** Numbers outputs as they are printed, so that the end prints only those not shown yet. */
function createOutputPrinter(screen: Screen) {
  let printed = 0;
  return {
    print: (output: FunctionIO) => screen.out(formatOutput(output, ++printed)),
    rest: (outputs: readonly FunctionIO[]) =>
      outputs.slice(printed).map((output, i) => formatOutput(output, printed + i + 1)),
  };
}

interface BackgroundStream {
  /** Stops polling; resolves once every output received has been handed over. */
  stop(): Promise<void>;
}

/** `jobs.outputs` in the background; its errors are the wait's to report, so they are dropped. */
function streamInBackground(
  sieve: SieveClient,
  jobId: string,
  parent: AbortSignal,
  onOutput: (output: FunctionIO) => void,
): BackgroundStream {
  const controller = new AbortController();
  const abort = () => controller.abort();
  parent.addEventListener("abort", abort, { once: true });
  const done = (async () => {
    for await (const output of sieve.jobs.outputs(jobId, { signal: controller.signal }))
      onOutput(output);
  })()
    .catch(() => undefined)
    .finally(() => parent.removeEventListener("abort", abort));
  return {
    stop() {
      controller.abort();
      return done;
    },
  };
}
