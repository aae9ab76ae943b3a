import {
  SieveAuthenticationError,
  SieveJournalError,
  type BatchResult,
  type PushJobRequest,
  type RunAllOptions,
  type SieveClient,
} from "../../node.js";
import type { CommandSpec } from "../lib/command-spec.js";
import type { CommandContext } from "../lib/context.js";
import { describeError } from "../lib/client-errors.js";
import { CliError, isStopReason } from "../lib/errors.js";
import { ExitCode, type ExitCodeValue } from "../lib/exit-codes.js";
import { resolvePlaces } from "./batch/batch-places.js";
import { commandInfo } from "./catalog.js";
import {
  batchExitCode,
  countResult,
  describeSummary,
  emptySummary,
  type BatchPlaces,
} from "./batch/batch-summary.js";
import { startBatchView } from "./batch/batch-view.js";
import { readRequests } from "./batch/read-requests.js";
import { toResultRecord } from "./batch/result-record.js";
import { openResultsFile, stdoutResults } from "./batch/results-sink.js";

/**
 * `batch <requests.jsonl> [--concurrency N] [--out FILE] [--journal FILE]`: runs every push
 * request of a JSON-lines file with `jobs.runAll`, N at a time, and writes one JSON line per
 * request as it ends (to `--out`, else stdout), with a progress bar on a terminal's stderr or one
 * line per result elsewhere. Every line is checked before anything is sent. With a journal
 * (`<out>.journal` by default), rerunning the same command resumes: nothing is pushed twice and
 * the results file ends with each request once. Ctrl-C, SIGTERM or a closed stdout stops the
 * batch: its running jobs are cancelled, each reported, then a summary (exit 130, 143, 141; 4
 * when a job may still be running).
 */
export const batchCommand: CommandSpec = { ...commandInfo.batch, run: runBatch };

async function runBatch(ctx: CommandContext): Promise<ExitCodeValue> {
  const source = ctx.args[0] ?? "";
  const places = resolvePlaces(source, ctx.options.out, ctx.options.journal);
  const requests = await readRequests(source);
  // The client first: a missing key is reported before the results file is touched.
  const sieve = ctx.client();
  const sink =
    places.out === undefined
      ? stdoutResults(ctx.screen)
      : await openResultsFile(places.out, requests.length);
  const { io, screen } = ctx;
  const view = startBatchView(screen, {
    tty: io.stderrIsTTY,
    now: io.now,
    total: requests.length,
    columns: io.columns,
  });
  let running = 0;
  const interrupt = io.onInterrupt({
    onRepeat: () => {
      view.stop();
      const error = interruptedAgain(running, places);
      screen.err(describeError(error, false));
      return error.exitCode;
    },
  });
  // A key refused when the concurrency limit is read would be refused for every push.
  const keyRefused = new AbortController();
  const signal = AbortSignal.any([interrupt.signal, sink.failed, keyRefused.signal]);
  const summary = emptySummary(requests.length);
  try {
    const results = runAllOrNone(sieve, requests, {
      concurrency: ctx.options.concurrency,
      journal: places.journal,
      signal,
      onProgress(progress) {
        const { concurrencyError } = progress;
        if (concurrencyError instanceof SieveAuthenticationError && !keyRefused.signal.aborted)
          keyRefused.abort(
            new CliError(concurrencyError.message, ExitCode.apiError, { cause: concurrencyError }),
          );
        if (keyRefused.signal.aborted) return;
        running = progress.running;
        view.progress(progress);
      },
    });
    for await (const result of results) {
      const record = toResultRecord(result);
      sink.write(record);
      view.result(record);
      countResult(summary, result, record);
    }
  } catch (error) {
    await sink.discard();
    throw journalUnusable(error, places) ?? error;
  } finally {
    view.stop();
    interrupt.dispose();
  }
  const unwritten = await sink.finish();
  const stop = stopReasonOf(signal) ?? unwritten;
  const code = batchExitCode(summary, stop);
  const line = describeSummary(summary, places, stop);
  if (code === ExitCode.ok) {
    screen.err(line);
    return code;
  }
  throw new CliError(line, code, { cause: stop });
}

/** `runAll` on the requests; none at all reads nothing from the API. */
function runAllOrNone(
  sieve: SieveClient,
  requests: readonly PushJobRequest[],
  options: RunAllOptions,
): AsyncIterable<BatchResult<PushJobRequest>> {
  if (requests.length === 0) return (async function* () {})();
  return sieve.jobs.runAll(requests, options);
}

/** What stopped the batch (Ctrl-C, SIGTERM, a failed write, a refused key), if anything. */
function stopReasonOf(signal: AbortSignal): CliError | undefined {
  if (!signal.aborted) return undefined;
  const reason: unknown = signal.reason;
  return isStopReason(reason) || reason instanceof CliError ? reason : undefined;
}

/** A journal that cannot be used ends the batch before anything is sent: a usage error. */
function journalUnusable(error: unknown, places: BatchPlaces): CliError | undefined {
  if (!(error instanceof SieveJournalError)) return undefined;
  const message = `cannot use the journal ${places.journal ?? ""}: ${error.message}; nothing was sent`;
  return new CliError(message, ExitCode.usage, { cause: error });
}

/** What a second Ctrl-C while the batch cancels its jobs reports before exiting at once. */
function interruptedAgain(running: number, places: BatchPlaces): CliError {
  const resume =
    places.journal === undefined
      ? ""
      : `; rerun the same command to resume (journal ${places.journal})`;
  if (running === 0) return new CliError(`interrupted again${resume}`, ExitCode.interrupted);
  const jobs = running === 1 ? "1 job" : `${running} jobs`;
  return new CliError(
    `interrupted while cancelling; ${jobs} may still be running (sieve-client list --status processing shows them)${resume}`,
    ExitCode.mayBeRunning,
  );
}
