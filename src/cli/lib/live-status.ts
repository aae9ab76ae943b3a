import type { Screen } from "./screen.js";
import { renderStatusLine } from "./status-line.js";

/** A job's status as it changes, shown while `wait` or `run` goes on. */
export interface LiveStatus {
  /** The job's status now (and its id, once known): drawn at once when it changed. */
  update(status: string, jobId?: string): void;
  /** Stops the clock and leaves the last line as it is. Idempotent. */
  stop(): void;
}

/** Options of `startLiveStatus`. */
export interface LiveStatusOptions {
  /**
   * Redraw in place with the elapsed time (a terminal), else one line per status change.
   */
  tty: boolean;
  /**
   * The clock, in ms.
   */
  now(): number;
  /**
   * What the line says before the first status (shown on a terminal only).
   */
  initial: string;
  /**
   * The job's id, when known from the start.
   */
  jobId?: string;
  /**
   * How often a terminal's line is redrawn with the new elapsed time, in ms (default 200).
   */
  intervalMs?: number;
  /**
   * The terminal's width, read at each redraw.
   */
  columns?: () => number | undefined;
}

/**
 * Starts the status line. On a terminal it is drawn at once and redrawn every `intervalMs` and
 * on every status change; elsewhere (a pipe, a CI log) one line is written per status change.
 */
export function startLiveStatus(screen: Screen, options: LiveStatusOptions): LiveStatus {
  const { tty, now, columns } = options;
  const started = now();
  let status = options.initial;
  let jobId = options.jobId;
  let stopped = false;
  const line = () => renderStatusLine({ status, elapsedMs: now() - started, jobId }, columns?.());
  const draw = () => screen.status(line());
  let timer: ReturnType<typeof setInterval> | undefined;
  if (tty) {
    draw();
    timer = setInterval(draw, options.intervalMs ?? 200);
  }
  return {
    update(next, id) {
      if (stopped || (next === status && (id ?? jobId) === jobId)) return;
      status = next;
      jobId = id ?? jobId;
      if (tty) draw();
      else screen.err(line());
    },
    stop() {
      if (stopped) return;
      stopped = true;
      clearInterval(timer);
      if (!tty) return;
      draw();
      screen.endStatus();
    },
  };
}
