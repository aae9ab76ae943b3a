import { checkCallOptions } from "../../core/request/call-options.js";
import type { ClientContext } from "../../core/request/context.js";
import { SieveJobFailedError } from "../../core/errors/sieve-job-failed-error.js";
import type { PushRequest } from "../../../generated/sieve.js";
import type { PollContext } from "./job-poller.js";
import type { RequestOptions } from "../../core/request/request-options.js";
import { createRedactor } from "../../core/utils/redactor.js";
import { stoppableGenerator } from "../../core/utils/stoppable-generator.js";
import { NOT_SENT_TWICE } from "../../core/http/transport.js";
import type { JobReader } from "./job-reader.js";
import { runJob, type RunSteps } from "./run-job.js";
import { streamOutputs } from "./stream-outputs.js";
import { waitForJob } from "./wait-for-job.js";
import { resolveWaitOptions } from "./wait-options.js";
import { BOOLEAN, MILLISECONDS, checkInput } from "../../core/validation/rules.js";
import { nextOffsetOf, paginate } from "../../core/request/paginate.js";
import { checkIterationParams, checkPageQuery } from "../../core/validation/page-query.js";
import { checkPathSegment } from "../../core/validation/path-segment.js";
import { checkPushRequest } from "../../core/validation/push-request.js";
import {
  checkCount,
  checkKnownKeys,
  checkOptionalObject,
} from "../../core/validation/query-params.js";
import type { JobsResource, OutputsOptions, RunOptions } from "./types.js";
import type { WaitOptions } from "./wait-options.js";
import { keysOf } from "../../core/validation/keys-of.js";

/** The options `run` takes besides the wait's, and those `outputs` takes: checked against the types. */
const RUN_ONLY_OPTION_NAMES = keysOf<Omit<RunOptions, keyof WaitOptions>>()([
  "cancelOnAbort",
  "pushGraceMs",
]);
const OUTPUTS_OPTION_NAMES = keysOf<OutputsOptions>()(["signal", "intervalMs", "maxIntervalMs"]);

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
  const readJob: JobReader = (jobId, offset, { signal, timeoutMs }) => {
    const limit = timeoutMs === undefined ? undefined : Math.min(timeoutMs, ctx.timeoutMs);
    const query = offset ? { offset } : undefined;
    const options = {
      maxRetries: 0,
      ...(signal ? { signal } : {}),
      ...(limit ? { timeoutMs: limit } : {}),
    };
    return ctx.call("get", "/jobs/{job_id}", { path: { job_id: jobId }, query }, options);
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
      return waitForJob(readJob, id, resolveWaitOptions(options), loop);
    },

    async run(request, options) {
      const body = checkPushRequest(request);
      const resolved = resolveWaitOptions(options, RUN_ONLY_OPTION_NAMES);
      const cancelOnAbort = checkInput("options.cancelOnAbort", options?.cancelOnAbort, BOOLEAN);
      const pushGraceMs =
        checkInput("options.pushGraceMs", options?.pushGraceMs, MILLISECONDS) ??
        DEFAULT_PUSH_GRACE_MS;
      const cancelTimeoutMs = Math.min(CANCEL_TIMEOUT_MS, ctx.timeoutMs);
      // A function's error text may quote its env ("invalid key sk-..."): mask those values.
      const redactor = createRedactor(Object.values(body.env ?? {}));
      const steps: RunSteps = {
        push: (signal, stopRetrying) => sendPush(body, { signal }, stopRetrying),
        wait: (id, signal, timeoutMs) =>
          waitForJob(readJob, id, { ...resolved, signal, timeoutMs }, loop).catch(
            (error: unknown) => {
              if (!(error instanceof SieveJobFailedError)) throw error;
              throw new SieveJobFailedError(redactor.value(error.job));
            },
          ),
        cancel: (id) => jobs.cancel(id, { maxRetries: 2, timeoutMs: cancelTimeoutMs }),
        read: (id) => jobs.get(id, undefined, { maxRetries: 0, timeoutMs: cancelTimeoutMs }),
      };
      return runJob(steps, {
        signal: resolved.signal,
        timeoutMs: resolved.timeoutMs,
        cancelOnAbort: cancelOnAbort ?? true,
        pushGraceMs,
      });
    },

    outputs(jobId, options) {
      const id = checkPathSegment("jobId", jobId);
      checkKnownKeys("options", checkOptionalObject("options", options), OUTPUTS_OPTION_NAMES);
      const { signal, intervalMs, maxIntervalMs } = resolveWaitOptions(options);
      const schedule = { intervalMs, maxIntervalMs };
      return stoppableGenerator((stop) => streamOutputs(readJob, id, schedule, stop, loop), signal);
    },

    all(params, options) {
      const { pageSize, filter } = checkIterationParams(params, { withStatus: true });
      checkCallOptions(options);
      return paginate(async (offset) => {
        const page = await jobs.list({ ...filter, limit: pageSize, offset }, options);
        return { items: page.data, nextOffset: nextOffsetOf(page, offset, pageSize) };
      });
    },
  };
  return jobs;
}
