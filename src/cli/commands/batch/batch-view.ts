import type { BatchProgress } from "../../../node.js";
import { createRateMeter, renderProgressBar, timeLeftMs } from "../../lib/progress-bar.js";
import type { Screen } from "../../lib/screen.js";
import { formatResultLine, printable, type ResultRecord } from "./result-record.js";

/** What `batch` shows on stderr while it runs. */
export interface BatchView {
  /** The batch's counts changed (`runAll`'s `onProgress`). */
  progress(progress: BatchProgress): void;
  /** A request ended. */
  result(record: ResultRecord): void;
  /** Draws the bar a last time and leaves it above what follows. Idempotent. */
  stop(): void;
}

/** Options of `startBatchView`. */
export interface BatchViewOptions {
  /** A live progress bar (a terminal), else one line per result. */
  tty: boolean;
  /** The clock, in ms. */
  now(): number;
  /** How many requests the batch runs. */
  total: number;
  /** The terminal's width, read at each redraw. */
  columns?: () => number | undefined;
  /** How often the bar may be redrawn, in ms (default 100). */
  intervalMs?: number;
}

/**
 * Starts showing a batch on stderr. On a terminal: a progress bar redrawn in place at most every
 * `intervalMs` (only when its text changed), with each request that did not finish printed above
 * it. Elsewhere (a pipe, a file, a CI log): one line per result, without control characters. In
 * both, a note when the organization's concurrency limit could not be read.
 */
export function startBatchView(screen: Screen, options: BatchViewOptions): BatchView {
  const { tty, now, total } = options;
  const indexWidth = String(Math.max(0, total - 1)).length;
  const started = now();
  const meter = createRateMeter(started);
  // runAll's counts for what runs; the results' own outcomes for what ended (an ambiguous push
  // counts as failed), so that the bar and the summary agree.
  const counts = { running: 0, finished: 0, failed: 0, cancelled: 0 };
  let toldConcurrency = false;
  let drawn: string | undefined;
  let stopped = false;
  const draw = () => {
    const ended = counts.finished + counts.failed + counts.cancelled;
    const at = now();
    const ratePerSecond = meter.rate(at);
    const line = renderProgressBar(
      {
        ...counts,
        total,
        queued: Math.max(0, total - ended - counts.running),
        elapsedMs: at - started,
        ratePerSecond,
        etaMs: timeLeftMs(total - ended, ratePerSecond),
      },
      options.columns?.(),
    );
    if (line !== drawn) screen.status((drawn = line));
  };
  const timer = tty ? setInterval(draw, options.intervalMs ?? 100) : undefined;
  if (tty) draw();
  return {
    progress(progress) {
      counts.running = progress.running;
      if (toldConcurrency || progress.concurrencySource !== "fallback") return;
      toldConcurrency = true;
      const why = printable(progress.concurrencyError?.message ?? "unknown reason");
      screen.err(
        `could not read the organization's concurrency limit (${why}); running ${progress.concurrency} at once`,
      );
    },
    result(record) {
      meter.record(now());
      counts[record.outcome === "ambiguous" ? "failed" : record.outcome]++;
      if (!tty || record.outcome !== "finished") screen.err(formatResultLine(record, indexWidth));
    },
    stop() {
      if (stopped || !tty) return;
      stopped = true;
      clearInterval(timer);
      draw();
      screen.endStatus();
    },
  };
}
