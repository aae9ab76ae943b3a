import type { Job, LogsResponse } from "../../../generated/sieve.js";
import { toPosixTime } from "../../core/validation/posix-time.js";
import { createJobPoller, STANDALONE_POLL_CONTEXT, type PollContext } from "./job-poller.js";
import type { JobReader, ReadCall } from "./job-reader.js";
import { createLogFilter, logLines } from "./log-lines.js";
import type { JobLogLine } from "./log-types.js";
import { pollDelay, type PollSchedule } from "./poll-schedule.js";

/**
 * Reads a job's log lines from `startTime` on (`GET /logs`) once, with no retries of its own
 * and an optional time limit, as `JobReader` reads the job.
 */
export type LogsReader = (
  jobId: string,
  startTime: number | undefined,
  call: ReadCall,
) => Promise<LogsResponse>;

/** The statuses after which a job writes no more lines. Any other, known or not, may. */
const ENDED = new Set(["finished", "error", "cancelled"]);

/**
 * Yields each line a job writes exactly once, in order, until it ends, on the shared poll loop
 * (`createJobPoller`): each poll reads the job's status, then the lines from where the last
 * answer stopped (its `next_start_time`; the first from the job's creation). Once the job has
 * ended, reads on after a first interval (lines reach the logs a little late) until an answer
 * brings nothing new, then returns, whatever the job's end (a failed job's lines are what one
 * reads logs for). A failed read is retried by the transport's rule, losing and repeating
 * nothing; polls fast again as soon as a line arrives, and back off while none does.
 */
export async function* followLogs(
  read: { job: JobReader; logs: LogsReader },
  jobId: string,
  schedule: PollSchedule,
  signal: AbortSignal | undefined,
  context: PollContext = STANDALONE_POLL_CONTEXT,
): AsyncGenerator<JobLogLine, void, undefined> {
  const poller = createJobPoller(read.job, jobId, {
    signal,
    timeoutMs: undefined,
    context,
    minDelayMs: schedule.intervalMs,
  });
  const fresh = createLogFilter();
  let start: number | undefined;
  let ended = false;
  let idlePolls = 0;
  for (;;) {
    const endedBefore = ended;
    if (!ended) {
      const job = await poller.read(undefined);
      if (!job) continue;
      start ??= createdAt(job);
      ended = ENDED.has(job.status);
    }
    const from = start;
    const answer = await poller.attempt((call) => read.logs(jobId, from, call));
    if (!answer) continue;
    start = nextStart(answer, start);
    const lines = fresh(logLines(answer));
    yield* lines;
    if (endedBefore && lines.length === 0) return;
    idlePolls = lines.length > 0 || ended ? 0 : idlePolls + 1;
    await poller.sleep(pollDelay(idlePolls, schedule));
  }
}

/** When the job was created, as a logs `start_time`; undefined when it does not say. */
function createdAt(job: Job): number | undefined {
  const text = job.created_at;
  if (typeof text !== "string") return undefined;
  // Sieve writes UTC without a zone designator: `2023-10-03T19:06:59.863000`.
  const ms = Date.parse(/(Z|[+-]\d\d:\d\d)$/.test(text) ? text : `${text}Z`);
  return Number.isFinite(ms) && ms >= 0 ? toPosixTime("job.created_at", new Date(ms)) : undefined;
}

/** Where the next read starts: the answer's `next_start_time`, or where this one did. */
function nextStart(answer: LogsResponse, start: number | undefined): number | undefined {
  const next: unknown = answer.next_start_time;
  return typeof next === "number" && Number.isFinite(next) && next > 0 ? next : start;
}
