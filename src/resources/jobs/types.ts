import type {
  CancelJobResponse,
  FunctionIO,
  Job,
  JobCost,
  JobPage,
  JobStatus,
  LogsResponse,
  operations,
  PushRequest,
  PushResponse,
} from "../../../generated/sieve.js";
import type { FollowLogsOptions, JobLogLine, LogsParams } from "./log-types.js";
import type { WaitOptions } from "./wait-options.js";
import type { RequestOptions } from "../../core/request/request-options.js";
import type { BatchOptions, BatchResult } from "./batch/batch-types.js";

/**
 * A push request: the spec's `PushRequest`, with exactly one of `function` and `id` required
 * at compile time (the spec can only say so in prose). Its known fields keep their types;
 * fields beyond them are sent as given (Sieve passes them through).
 *
 * @example
 * const request: PushJobRequest = { function: "sieve/dubbing", inputs: { target_language: "spanish" } };
 * const { id } = await sieve.jobs.push(request);
 */
export type PushJobRequest = Pick<
  PushRequest,
  Exclude<DeclaredKeys<PushRequest>, "function" | "id">
> &
  ({ function: string; id?: never } | { id: string; function?: never }) & {
    [key: string]: unknown;
  };

/**
 * The keys a type declares, without those of its index signature: `Omit` of a type with
 * `[key: string]: unknown` would keep only the index signature and drop every declared field.
 */
type DeclaredKeys<T> = keyof {
  [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K];
};

/**
 * Query parameters of `GET /jobs/{job_id}`.
 *
 * @example
 * const job = await sieve.jobs.get(id, { offset: 10 }); // only the outputs after the first 10
 */
export type GetJobParams = NonNullable<operations["getJob"]["parameters"]["query"]>;
/**
 * Query parameters of `GET /jobs`.
 *
 * @example
 * const page = await sieve.jobs.list({ status: "error", limit: 20, offset: 40 });
 */
export type ListJobsParams = NonNullable<operations["listJobs"]["parameters"]["query"]>;

/**
 * Query parameters of `GET /usage/job/{job_id}`.
 *
 * @example
 * const { cost } = await sieve.jobs.cost(id, { aggregated: false }); // this job only, not its children
 */
export type JobCostParams = NonNullable<operations["getJobCost"]["parameters"]["query"]>;

/**
 * Options of `sieve.jobs.run`: the wait's, plus what to do with an abandoned job.
 *
 * @example
 * const job = await sieve.jobs.run(request, { timeoutMs: 30 * 60_000, cancelOnAbort: true });
 */
export interface RunOptions extends WaitOptions {
  /**
   * Cancel the job when the run stops before it ends (default true): aborted, out of
   * `timeoutMs`, `onStatus` threw, or a poll failed for good. The rejection
   * (`SieveRunAbortedError`) says whether the cancel succeeded. With `false`, nothing is
   * cancelled and a push in flight is aborted at once.
   *
   * @example
   * await sieve.jobs.run(request, { timeoutMs: 60_000, cancelOnAbort: false });
   */
  cancelOnAbort?: boolean;
  /**
   * When the run is aborted while its push is in flight, how long the push may still answer
   * (default 10 000 ms) so that the job it created can be cancelled. A push answered in time
   * ends in a cancelled job; one that does not is aborted, and the error says a job may exist.
   *
   * @example
   * await sieve.jobs.run(request, { signal, pushGraceMs: 30_000 });
   */
  pushGraceMs?: number;
}

/**
 * Options of `sieve.jobs.runAll`: the batch's (`BatchOptions`), and those of each item's run:
 * `timeoutMs` limits each item (its push and its wait, as `run`'s), the others set each wait.
 *
 * @example
 * sieve.jobs.runAll(requests, { concurrency: 20, timeoutMs: 30 * 60_000, journal: "batch.jsonl" });
 */
export interface RunAllOptions
  extends BatchOptions, Pick<WaitOptions, "intervalMs" | "maxIntervalMs" | "strategy"> {
  /**
   * Each item's limit in milliseconds, its push and its wait (default: none); an item out of
   * time is cancelled and reported with `SieveRunAbortedError` (`reason: "timeout"`).
   *
   * @example
   * sieve.jobs.runAll(requests, { timeoutMs: 15 * 60_000 });
   */
  timeoutMs?: number;
}

/**
 * Options of `sieve.jobs.outputs`.
 *
 * @example
 * const controller = new AbortController();
 * for await (const output of sieve.jobs.outputs(id, { signal: controller.signal, intervalMs: 250 })) console.log(output.data);
 */
export type OutputsOptions = Pick<WaitOptions, "signal" | "intervalMs" | "maxIntervalMs">;

/**
 * What `sieve.jobs.all` iterates over.
 *
 * @example
 * for await (const job of sieve.jobs.all({ status: "finished", pageSize: 50 })) console.log(job.id);
 */
export interface AllJobsParams {
  /**
   * Only jobs with this status.
   *
   * @example
   * for await (const job of sieve.jobs.all({ status: "error" })) console.log(job.id);
   */
  status?: JobStatus;
  /**
   * How many jobs to fetch per request (default 100).
   *
   * @example
   * for await (const job of sieve.jobs.all({ pageSize: 500 })) count++;
   */
  pageSize?: number;
}

/**
 * `sieve.jobs`: push, read, list, cancel, wait for and stream jobs.
 *
 * @example
 * const { id } = await sieve.jobs.push({ function: "sieve/dubbing", inputs });
 * const job = await sieve.jobs.wait(id);
 */
export interface JobsResource {
  /**
   * Pushes a new job (`POST /push`) and returns at once with its id; the job runs
   * asynchronously. Never sent twice unless the first surely did not arrive.
   *
   * @example
   * const { id } = await sieve.jobs.push({
   *   function: "sieve/dubbing",
   *   inputs: { file: { url: "https://example.com/talk.mp4" }, target_language: "spanish" },
   * });
   */
  push(request: PushJobRequest, options?: RequestOptions): Promise<PushResponse>;
  /**
   * Reads a job (`GET /jobs/{job_id}`); `offset` skips the first N outputs.
   *
   * @example
   * const job = await sieve.jobs.get(id);
   * if (job.status === "finished") console.log(job.outputs);
   */
  get(jobId: string, params?: GetJobParams, options?: RequestOptions): Promise<Job>;
  /**
   * Lists the organization's jobs, one page (`GET /jobs`).
   *
   * @example
   * const page = await sieve.jobs.list({ status: "processing", limit: 50 });
   * console.log(page.data.length, page.next_offset);
   */
  list(params?: ListJobsParams, options?: RequestOptions): Promise<JobPage>;
  /**
   * Cancels a queued or running job (`DELETE /jobs/{job_id}`).
   *
   * @example
   * const { message } = await sieve.jobs.cancel(id);
   */
  cancel(jobId: string, options?: RequestOptions): Promise<CancelJobResponse>;
  /**
   * Polls a job until it ends and resolves with the finished job. Rejects with
   * `SieveJobFailedError`, `SieveJobCancelledError`, `SieveWaitTimeoutError`, or the signal's
   * reason on abort. Transient failures (network, 408, 429, 5xx) never end the wait.
   *
   * @example
   * const job = await sieve.jobs.wait(id, { timeoutMs: 10 * 60_000, onStatus: (j) => console.log(j.status) });
   */
  wait(jobId: string, options?: WaitOptions): Promise<Job>;
  /**
   * Pushes a job, then waits for it; `timeoutMs` covers both. When it stops before the job
   * ends (abort, timeout, a throwing `onStatus`, a poll that fails for good) it cancels the job
   * first, unless `cancelOnAbort: false`, and rejects with `SieveRunAbortedError`, which says
   * the job's id, whether a job may exist, and what became of the cancel. An already-aborted
   * signal sends nothing. A job that fails rejects with `SieveJobFailedError`.
   *
   * @example
   * const job = await sieve.jobs.run({ function: "sieve/dubbing", inputs }, { timeoutMs: 15 * 60_000 });
   * console.log(job.outputs);
   */
  run(request: PushJobRequest, options?: RunOptions): Promise<Job>;
  /**
   * Runs many requests as `run` runs one, `concurrency` at a time (by default the
   * organization's limit), and yields one result per request as each ends: `{ index, request,
   * job }` or `{ index, request, error, jobId, jobMayExist }`; it never throws for one item. A
   * 429 pauses every push of the batch; a push that may have created a job is never sent again
   * (`SieveAmbiguousPushError`); `signal` cancels the running jobs; `journal` makes it resumable.
   *
   * @example
   * for await (const result of sieve.jobs.runAll(requests, { journal: "batch.jsonl" })) {
   *   if (result.job) console.log(result.index, result.job.outputs);
   *   else console.error(result.index, result.error.message);
   * }
   */
  runAll<R extends PushJobRequest>(
    requests: Iterable<R> | AsyncIterable<R>,
    options?: RunAllOptions,
  ): AsyncGenerator<BatchResult<R>, void, undefined>;
  /**
   * Yields each output of a job exactly once, in order, as it appears; ends when the job
   * finishes; throws `SieveJobFailedError`/`SieveJobCancelledError` if it does not.
   *
   * @example
   * for await (const output of sieve.jobs.outputs(id)) console.log(output.data);
   */
  outputs(jobId: string, options?: OutputsOptions): AsyncGenerator<FunctionIO, void, undefined>;
  /**
   * Iterates over every job, page after page; a `break` stops fetching.
   *
   * @example
   * for await (const job of sieve.jobs.all({ status: "finished" })) {
   *   if (job.created_at && job.created_at < "2025-01-01") break;
   * }
   */
  all(params?: AllJobsParams, options?: RequestOptions): AsyncGenerator<Job, void, undefined>;
  /**
   * Reads a job's log lines in a time window, grouped by stage (`GET /logs`): one answer, of at
   * most as many lines as Sieve sends at once; its `next_start_time` continues after them.
   * Times are `Date`s or POSIX seconds (see `PosixTime`).
   *
   * @example
   * const { data, next_start_time } = await sieve.jobs.logs(id, { startTime: new Date(Date.now() - 60_000) });
   * for (const group of data) for (const line of group.logs) console.log(group.labels.stage, line.message);
   */
  logs(jobId: string, params?: LogsParams, options?: RequestOptions): Promise<LogsResponse>;
  /**
   * Yields each line the job writes exactly once, in order, as it appears, until the job ends
   * (finished, failed or cancelled: it never throws for the job's end), reading once more after
   * the end for lines that arrive late. A `break` or the signal stops it at once; a failed read
   * is retried as `outputs` retries, and anything else ends it with the error.
   *
   * @example
   * for await (const line of sieve.jobs.followLogs(id)) console.log(`${line.timestamp} [${line.stage}] ${line.message}`);
   */
  followLogs(
    jobId: string,
    options?: FollowLogsOptions,
  ): AsyncGenerator<JobLogLine, void, undefined>;
  /**
   * What a job cost in dollars (`GET /usage/job/{job_id}`); with `aggregated` (Sieve's
   * default), the cost of the child jobs it started included.
   *
   * @example
   * const { cost, function_name } = await sieve.jobs.cost(id);
   * console.log(`${function_name}: $${cost.toFixed(4)}`);
   */
  cost(jobId: string, params?: JobCostParams, options?: RequestOptions): Promise<JobCost>;
}
