import { checkCallOptions } from "../../core/request/call-options.js";
import type { ClientContext } from "../../core/request/context.js";
import { SieveJobFailedError } from "../../core/errors/sieve-job-failed-error.js";
import type { PushRequest } from "../../../generated/sieve.js";
import type { PollContext } from "./job-poller.js";
import type { RequestOptions } from "../../core/request/request-options.js";
import { createRedactor } from "../../core/utils/redactor.js";
import { stoppableGenerator } from "../../core/utils/stoppable-generator.js";
import { NOT_SENT_TWICE } from "../../core/http/transport.js";
import type { JobReader, ReadCall } from "./job-reader.js";
import { followLogs, type LogsReader } from "./follow-logs.js";
import type { LogsParams } from "./log-types.js";
import { runJob, type RunSteps } from "./run-job.js";
import { streamOutputs } from "./stream-outputs.js";
import { waitForJob } from "./wait-for-job.js";
import { createAwaitReader } from "./await-reader.js";
import { createLongPollSlots } from "./long-poll-slots.js";
import { resolveWaitOptions } from "./wait-options.js";
import { BOOLEAN, MILLISECONDS, checkInput } from "../../core/validation/rules.js";
import { paginateJobPages } from "../../core/request/paginate.js";
import { checkIterationParams, checkPageQuery } from "../../core/validation/page-query.js";
import { checkPathSegment } from "../../core/validation/path-segment.js";
import { checkPushRequest } from "../../core/validation/push-request.js";
import { checkTimeWindow } from "../../core/validation/posix-time.js";
import {
  checkCount,
  checkKnownKeys,
  checkOptionalObject,
} from "../../core/validation/query-params.js";
import type {
  JobCostParams,
  JobsResource,
  OutputsOptions,
  PushJobRequest,
  RunAllOptions,
  RunOptions,
} from "./types.js";
import type { ResolvedWaitOptions, WaitOptions } from "./wait-options.js";
import { checkBatchArgs } from "./batch/batch-options.js";
import type { BatchOptions } from "./batch/batch-types.js";
import { runBatch } from "./batch/run-batch.js";
import { keysOf } from "../../core/validation/keys-of.js";

/** The options `run` takes besides the wait's, and those `outputs` takes: checked against the types. */
const RUN_ONLY_OPTION_NAMES = keysOf<Omit<RunOptions, keyof WaitOptions>>()([
  "cancelOnAbort",
  "pushGraceMs",
]);
/** The options of `runAll` that set each item's run, not the batch: checked against the types. */
const RUN_ALL_ITEM_OPTION_NAMES = keysOf<Omit<RunAllOptions, keyof BatchOptions>>()([
  "intervalMs",
  "maxIntervalMs",
  "strategy",
  "timeoutMs",
]);
const OUTPUTS_OPTION_NAMES = keysOf<OutputsOptions>()(["signal", "intervalMs", "maxIntervalMs"]);
const LOGS_PARAM_NAMES = keysOf<LogsParams>()(["startTime", "endTime"]);
const COST_PARAM_NAMES = keysOf<JobCostParams>()(["aggregated"]);

/** How long an aborted `run` lets a push already sent answer, so its job can be cancelled. */
export const DEFAULT_PUSH_GRACE_MS = 10_000;
/**
 * The cancel a stopped `run` sends has its own limit per attempt (at most this, or the client's
 * `timeoutMs` if shorter): the caller's signal is already aborted.
 */
const CANCEL_TIMEOUT_MS = 10_000;

/**
 * Builds `sieve.jobs` on a client context.
 */
export function createJobsResource(ctx: ClientContext): JobsResource {
  // The wait and stream loops retry by themselves, so each of their reads is a single attempt,
  // limited to the time the loop has left.
  const singleAttempt = ({ signal, timeoutMs }: ReadCall): RequestOptions => {
    const limit = timeoutMs === undefined ? undefined : Math.min(timeoutMs, ctx.timeoutMs);
    return { maxRetries: 0, ...(signal ? { signal } : {}), ...(limit ? { timeoutMs: limit } : {}) };
  };
  const readJob: JobReader = (jobId, offset, call) => {
    const query = offset ? { offset } : undefined;
    const input = { path: { job_id: jobId }, query };
    return ctx.call("get", "/jobs/{job_id}", input, singleAttempt(call));
  };
  const readLogs: LogsReader = (jobId, startTime, call) => {
    const query = { job_id: jobId, ...(startTime === undefined ? {} : { start_time: startTime }) };
    return ctx.call("get", "/logs", { query }, singleAttempt(call));
  };
  /** The options of the loops that stream (`outputs`, `followLogs`): a signal and a schedule. */
  const streamOptions = (options: OutputsOptions | undefined) => {
    checkKnownKeys("options", checkOptionalObject("options", options), OUTPUTS_OPTION_NAMES);
    const { signal, intervalMs, maxIntervalMs } = resolveWaitOptions(options);
    return { signal, schedule: { intervalMs, maxIntervalMs } };
  };

  const awaitJob = {
    read: createAwaitReader(ctx),
    support: { missing: false },
    slots: createLongPollSlots(ctx.maxLongPolls),
  };
  const loop: PollContext = {
    reportRetry: (info) => ctx.reportRetry(info),
    retryPolicy: ctx.retryPolicy,
  };
  const sendPush = (
    body: PushRequest,
    options: RequestOptions | undefined,
    stopRetrying?: AbortSignal,
  ) => {
    const secrets = Object.values(body.env ?? {}).filter((v): v is string => typeof v === "string");
    return ctx.call("post", "/push", { body }, options, {
      secrets,
      serverFailureNote: NOT_SENT_TWICE,
      ...(stopRetrying ? { stopRetrying } : {}),
    });
  };

  /** The steps of `run` for one push request; `runAll` replaces the push with its own. */
  const runSteps = (body: PushRequest, resolved: ResolvedWaitOptions): RunSteps => {
    const cancelTimeoutMs = Math.min(CANCEL_TIMEOUT_MS, ctx.timeoutMs);
    // A function's error text may quote its env ("invalid key sk-..."): mask those values.
    const redactor = createRedactor(
      Object.values(body.env ?? {}).filter((value) => typeof value === "string"),
    );
    return {
      push: (signal, stopRetrying) => sendPush(body, { signal }, stopRetrying),
      wait: (id, signal, timeoutMs) =>
        waitForJob(readJob, id, { ...resolved, signal, timeoutMs }, loop, awaitJob).catch(
          (error: unknown) => {
            if (!(error instanceof SieveJobFailedError)) throw error;
            throw new SieveJobFailedError(redactor.value(error.job));
          },
        ),
      cancel: (id) => jobs.cancel(id, { maxRetries: 2, timeoutMs: cancelTimeoutMs }),
      read: (id) => jobs.get(id, undefined, { maxRetries: 0, timeoutMs: cancelTimeoutMs }),
    };
  };

  const jobs: JobsResource = {
    async push(request, options) {
      return sendPush(checkPushRequest(request), options);
    },

    async get(jobId, params, options) {
      const job_id = checkPathSegment("jobId", jobId);
      const given = checkOptionalObject("params", params);
      checkKnownKeys("params", given, ["offset"]);
      const offset = checkCount("params.offset", given.offset);
      return ctx.call("get", "/jobs/{job_id}", { path: { job_id }, query: { offset } }, options);
    },

    async list(params, options) {
      const query = checkPageQuery(params, { withStatus: true });
      return ctx.call("get", "/jobs", { query }, options);
    },

    async cancel(jobId, options) {
      const job_id = checkPathSegment("jobId", jobId);
      return ctx.call("delete", "/jobs/{job_id}", { path: { job_id } }, options);
    },

    async wait(jobId, options) {
      const id = checkPathSegment("jobId", jobId);
      const resolved = resolveWaitOptions(options);
      await ctx.senderReady(resolved.signal);
      return waitForJob(readJob, id, resolved, loop, awaitJob);
    },

    async run(request, options) {
      const body = checkPushRequest(request);
      const resolved = resolveWaitOptions(options, RUN_ONLY_OPTION_NAMES);
      const cancelOnAbort = checkInput("options.cancelOnAbort", options?.cancelOnAbort, BOOLEAN);
      const pushGraceMs =
        checkInput("options.pushGraceMs", options?.pushGraceMs, MILLISECONDS) ??
        DEFAULT_PUSH_GRACE_MS;
      await ctx.senderReady(resolved.signal);
      return runJob(runSteps(body, resolved), {
        signal: resolved.signal,
        timeoutMs: resolved.timeoutMs,
        cancelOnAbort: cancelOnAbort ?? true,
        pushGraceMs,
      });
    },

    runAll<R extends PushJobRequest>(
      requests: Iterable<R> | AsyncIterable<R>,
      options?: RunAllOptions,
    ) {
      const args = checkBatchArgs<R>(requests, options, RUN_ALL_ITEM_OPTION_NAMES);
      const resolved = resolveWaitOptions(args.rest);
      const limits = { timeoutMs: resolved.timeoutMs, cancelOnAbort: true };
      return runBatch(args.requests, args.batch, {
        run: (body, push, signal) =>
          runJob(
            { ...runSteps(body, resolved), push },
            { ...limits, signal, pushGraceMs: DEFAULT_PUSH_GRACE_MS },
          ),
        pushOnce: (body, signal) => sendPush(body, { signal, maxRetries: 0 }),
        readConcurrency: (signal) => ctx.call("get", "/user/concurrency", {}, { signal }),
        reportRetry: (info) => ctx.reportRetry(info),
        retryPolicy: ctx.retryPolicy,
      });
    },

    outputs(jobId, options) {
      const id = checkPathSegment("jobId", jobId);
      const { signal, schedule } = streamOptions(options);
      return stoppableGenerator((stop) => streamOutputs(readJob, id, schedule, stop, loop), signal);
    },

    all(params, options) {
      const { pageSize, filter } = checkIterationParams(params, { withStatus: true });
      checkCallOptions(options);
      return paginateJobPages((window) => jobs.list({ ...filter, ...window }, options), pageSize);
    },

    async logs(jobId, params, options) {
      const job_id = checkPathSegment("jobId", jobId);
      const given = checkOptionalObject("params", params);
      checkKnownKeys("params", given, LOGS_PARAM_NAMES);
      const fields = { start: "params.startTime", end: "params.endTime" };
      const { start, end } = checkTimeWindow(fields, given.startTime, given.endTime);
      const query = {
        job_id,
        ...(start === undefined ? {} : { start_time: start }),
        ...(end === undefined ? {} : { end_time: end }),
      };
      return ctx.call("get", "/logs", { query }, options);
    },

    followLogs(jobId, options) {
      const id = checkPathSegment("jobId", jobId);
      const { signal, schedule } = streamOptions(options);
      const read = { job: readJob, logs: readLogs };
      return stoppableGenerator((stop) => followLogs(read, id, schedule, stop, loop), signal);
    },

    async cost(jobId, params, options) {
      const job_id = checkPathSegment("jobId", jobId);
      const given = checkOptionalObject("params", params);
      checkKnownKeys("params", given, COST_PARAM_NAMES);
      const aggregated = checkInput("params.aggregated", given.aggregated, BOOLEAN);
      const query = aggregated === undefined ? undefined : { aggregated };
      return ctx.call("get", "/usage/job/{job_id}", { path: { job_id }, query }, options);
    },
  };
  return jobs;
}
