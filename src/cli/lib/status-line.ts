/** What the live status line shows. */
export interface StatusLineState {
  /** The job's status, or what the CLI is doing before it has one (`pushing`, `waiting`). */
  status: string;
  /** Milliseconds since the command started. */
  elapsedMs: number;
  /** The job's id, once known. */
  jobId?: string | undefined;
}

/**
 * Elapsed time, to the tenth of a second under a minute, then to the second.
 */
export function formatElapsed(ms: number): string {
  const tenths = Math.floor(Math.max(0, ms) / 100);
  if (tenths < 600) return `${(tenths / 10).toFixed(1)}s`;
  const seconds = Math.floor(tenths / 10);
  const s = String(seconds % 60).padStart(2, "0");
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${s}s`;
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m${s}s`;
}

/**
 * The status line, columns aligned from one line to the next: status, elapsed time, job id.
 * Cut to `width - 1` characters when given (a line as wide as the terminal wraps, and a wrapped
 * line cannot be redrawn in place).
 */
export function renderStatusLine(state: StatusLineState, width?: number): string {
  const job = state.jobId ? `  job ${state.jobId}` : "";
  const line = `${state.status.padEnd(10)} ${formatElapsed(state.elapsedMs).padStart(7)}${job}`;
  if (width === undefined || width < 2 || line.length < width) return line;
  return `${line.slice(0, width - 2)}…`;
}
