import type { LogGroup, LogsResponse } from "../../generated/sieve.js";

/** The stages of a job's logs, in the order a job goes through them. */
export type LogStage = "import" | "setup" | "run";

/** One line a job wrote; `us` is microseconds since the epoch, unique and rising per job. */
export interface LogEntry {
  stage: LogStage;
  message: string;
  us: number;
}

/** The labels every group of a job's lines carries besides its stage. */
export interface LogOwner {
  id: string;
  runId: string;
  functionId: string;
  createdAt: number;
  logs: LogEntry[];
}

/** Lines a job wrote in a window: from `fromUs` (inclusive) to `toUs` (exclusive). */
export interface LogWindow {
  fromUs?: number;
  toUs?: number;
}

/** The most lines one `GET /logs` returns; `next_start_time` continues after them. */
const MAX_LINES = 1_000;

/**
 * Appends a line (one per line of `message`) timestamped now, always after the job's previous
 * line, so that a job's lines are strictly ordered even within one millisecond.
 */
export function writeLog(logs: LogEntry[], stage: LogStage, message: string): void {
  for (const line of message.replace(/\r?\n$/, "").split(/\r?\n/)) {
    const previous = logs[logs.length - 1]?.us ?? 0;
    logs.push({ stage, message: line, us: Math.max(Date.now() * 1_000, previous + 1) });
  }
}

/**
 * `GET /logs` for one job: its lines in the window, oldest first, grouped by stage.
 * `next_start_time` is the nanosecond just after the last line returned (or the window's
 * start, or the job's creation, when none was).
 */
export function readLogs(
  job: LogOwner,
  organizationId: string,
  { fromUs, toUs }: LogWindow,
): LogsResponse {
  const lines = job.logs
    .filter(
      (line) =>
        (fromUs === undefined || line.us >= fromUs) && (toUs === undefined || line.us < toUs),
    )
    .slice(0, MAX_LINES);
  const groups: LogGroup[] = [];
  const byStage = new Map<LogStage, LogGroup>();
  for (const line of lines) {
    let group = byStage.get(line.stage);
    if (!group) {
      group = {
        labels: {
          stage: line.stage,
          job_id: job.id,
          run_id: job.runId,
          organization_id: organizationId,
          function_id: job.functionId,
        },
        logs: [],
      };
      byStage.set(line.stage, group);
      groups.push(group);
    }
    group.logs.push({ message: line.message, timestamp: logTimestamp(line.us) });
  }
  const last = lines[lines.length - 1];
  const nextUs = last ? last.us + 1 : (fromUs ?? job.createdAt * 1_000);
  return {
    data: groups,
    next_start_time: nextUs * 1_000,
    last_time_returned: last ? logTimestamp(last.us) : "",
  };
}

/** A log line's time as Sieve writes it: UTC, six decimals, `Z`. */
function logTimestamp(us: number): string {
  const iso = new Date(Math.floor(us / 1_000)).toISOString();
  return `${iso.slice(0, -1)}${String(us % 1_000).padStart(3, "0")}Z`;
}
