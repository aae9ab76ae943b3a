import { checkCallOptions } from "../client/call-options.js";
import type { ClientContext } from "../client/context.js";
import { SieveJobFailedError } from "../errors/sieve-job-failed-error.js";
import { createRedactor } from "../utils/redactor.js";
import { NOT_SENT_TWICE } from "../http/transport.js";
import type { JobReader } from "../jobs/job-reader.js";
import { runJob } from "../jobs/run-job.js";
import { streamOutputs } from "../jobs/stream-outputs.js";
import { waitForJob } from "../jobs/wait-for-job.js";
import { resolveWaitOptions } from "../jobs/wait-options.js";
import { nextOffsetOf, paginate } from "../pagination/paginate.js";
import { checkIterationParams, checkPageQuery } from "../validation/page-query.js";
import { assertPathSegment } from "../validation/path-segment.js";
import { validatePushRequest } from "../validation/push-request.js";
import { assertCount, assertKnownKeys, assertOptionalObject } from "../validation/query-params.js";
import type { JobsResource } from "./jobs-resource.js";

/**
 * Builds `sieve.jobs` on a client context.
 *
 * @example
 * const jobs = createJobsResource(ctx);
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

  const jobs: JobsResource = {
    async push(request, options) {
      const body = validatePushRequest(request);
      const secrets = Object.values(body.env ?? {}).filter(
        (v): v is string => typeof v === "string",
      );
      return ctx.call("post", "/push", { body }, options, {
        secrets,
        serverFailureNote: NOT_SENT_TWICE,
      });
    },

    async get(jobId, params, options) {
      const job_id = assertPathSegment("jobId", jobId);
      const given = assertOptionalObject("params", params);
      assertKnownKeys("params", given, ["offset"]);
      const offset = assertCount("params.offset", given.offset);
      return ctx.call("get", "/jobs/{job_id}", { path: { job_id }, query: { offset } }, options);
    },

    async list(params, options) {
      const query = checkPageQuery(params, { withStatus: true });
      return ctx.call("get", "/jobs", { query }, options);
    },

    async cancel(jobId, options) {
      const job_id = assertPathSegment("jobId", jobId);
      return ctx.call("delete", "/jobs/{job_id}", { path: { job_id } }, options);
    },

    async wait(jobId, options) {
      const id = assertPathSegment("jobId", jobId);
      return waitForJob(readJob, id, resolveWaitOptions(options));
    },

    async run(request, options) {
      const body = validatePushRequest(request) as typeof request;
      const resolved = resolveWaitOptions(options, ["cancelOnAbort"]);
      const cancelOnAbort = options?.cancelOnAbort ?? true;
      const { signal } = resolved;
      // A function's error text may quote its env ("invalid key sk-..."): mask those values.
      const redactor = createRedactor(Object.values(body.env ?? {}));
      const steps = {
        push: (pushSignal: AbortSignal | undefined) =>
          jobs.push(body, pushSignal ? { signal: pushSignal } : undefined),
        wait: (id: string) =>
          waitForJob(readJob, id, resolved).catch((error: unknown) => {
            if (!(error instanceof SieveJobFailedError)) throw error;
            throw new SieveJobFailedError(redactor.value(error.job));
          }),
        cancel: (id: string) => jobs.cancel(id, { maxRetries: 1, timeoutMs: 10_000 }),
      };
      return runJob(steps, { signal, cancelOnAbort });
    },

    outputs(jobId, options) {
      const id = assertPathSegment("jobId", jobId);
      assertKnownKeys("options", assertOptionalObject("options", options), [
        "signal",
        "intervalMs",
        "maxIntervalMs",
      ]);
      const { signal, intervalMs, maxIntervalMs } = resolveWaitOptions(options);
      return streamOutputs(readJob, id, { intervalMs, maxIntervalMs }, signal);
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
