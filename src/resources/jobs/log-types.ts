import type { LogLabels, LogLine, operations } from "../../../generated/sieve.js";
import type { WaitOptions } from "./wait-options.js";

/** The query of `GET /logs`, as the spec types it. */
type LogsQuery = operations["getLogs"]["parameters"]["query"];

/**
 * A time `sieve.jobs.logs` and `sieve.usage` take: a `Date`, or a number of POSIX seconds (a
 * float: `1734226919.195`), or the nanoseconds a logs answer's `next_start_time` gives. A whole
 * number of seconds is sent as nanoseconds, since Sieve reads an integer so; a number that looks
 * like milliseconds (`Date.now()`) is refused.
 *
 * @example
 * const since: PosixTime = new Date(Date.now() - 10 * 60_000);
 * const recent = await sieve.jobs.logs(id, { startTime: since });
 */
export type PosixTime = Date | NonNullable<LogsQuery["start_time"]>;

/**
 * The window of `sieve.jobs.logs`: only lines from `startTime` on and before `endTime`.
 *
 * @example
 * const { data } = await sieve.jobs.logs(id, { startTime: new Date("2025-01-01T10:00:00Z") });
 */
export interface LogsParams {
  /**
   * Only lines from this time on (default: Sieve's). Pass an answer's `next_start_time` to read
   * what came after it.
   *
   * @example
   * const next = await sieve.jobs.logs(id, { startTime: previous.next_start_time });
   */
  startTime?: PosixTime;
  /**
   * Only lines before this time; not before `startTime`.
   *
   * @example
   * const lastHour = await sieve.jobs.logs(id, { startTime: new Date(Date.now() - 3_600_000), endTime: new Date() });
   */
  endTime?: PosixTime;
}

/**
 * One line `sieve.jobs.followLogs` yields: the line (`message`, `timestamp`) with the labels of
 * its group flattened onto it (`stage`: `import`, `setup` or `run`; `run_id`, which tells the
 * runs of a restarted job apart...).
 *
 * @example
 * for await (const line of sieve.jobs.followLogs(id)) console.log(`[${line.stage}] ${line.message}`);
 */
export type JobLogLine = LogLine & LogLabels;

/**
 * Options of `sieve.jobs.followLogs`: those of `sieve.jobs.outputs` (a signal, the poll
 * schedule: `intervalMs`, `maxIntervalMs`).
 *
 * @example
 * for await (const line of sieve.jobs.followLogs(id, { signal: AbortSignal.timeout(60_000), intervalMs: 1_000 })) console.log(line.message);
 */
export type FollowLogsOptions = Pick<WaitOptions, "signal" | "intervalMs" | "maxIntervalMs">;
