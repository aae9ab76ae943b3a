import type { CancelJobResponse, Job, JobPage, PushResponse } from "../../generated/sieve.js";
import type { ClientContext } from "../client/context.js";
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
  const readJob: JobReader = (jobId, offset, call) => {
    const timeoutMs =
      call.timeoutMs === undefined ? undefined : Math.min(call.timeoutMs, ctx.timeoutMs);
    const query = offset ? { offset } : {};
    const init = ctx.init({
      maxRetries: 0,
      ...(call.signal ? { signal: call.signal } : {}),
      ...(timeoutMs ? { timeoutMs } : {}),
    });
    const pending = ctx.raw.GET("/jobs/{job_id}", {
      params: { path: { job_id: jobId }, query },
      parseAs: "text",
      ...init,
    });
    return ctx.unwrap<Job>(pending);
  };

  const jobs: JobsResource = {
    async push(request, options) {
      const body = validatePushRequest(request);
      const init = ctx.init(options);
      const secrets = Object.values(body.env ?? {}).filter(
        (v): v is string => typeof v === "string",
      );
      return ctx.unwrap<PushResponse>(ctx.raw.POST("/push", { body, parseAs: "text", ...init }), {
        secrets,
        serverFailureNote: NOT_SENT_TWICE,
      });
    },

    async get(jobId, params, options) {
      const job_id = assertPathSegment("jobId", jobId);
      const query = assertOptionalObject("params", params);
      assertKnownKeys("params", query, ["offset"]);
      const offset = assertCount("params.offset", query.offset);
      const init = ctx.init(options);
      const pending = ctx.raw.GET("/jobs/{job_id}", {
        params: { path: { job_id }, query: offset === undefined ? {} : { offset } },
        parseAs: "text",
        ...init,
      });
      return ctx.unwrap<Job>(pending);
    },

    async list(params, options) {
      const query = checkPageQuery(params, { withStatus: true });
      const init = ctx.init(options);
      return ctx.unwrap<JobPage>(
        ctx.raw.GET("/jobs", { params: { query }, parseAs: "text", ...init }),
      );
    },

    async cancel(jobId, options) {
      const job_id = assertPathSegment("jobId", jobId);
      const init = ctx.init(options);
      const pending = ctx.raw.DELETE("/jobs/{job_id}", {
        params: { path: { job_id } },
        parseAs: "text",
        ...init,
      });
      return ctx.unwrap<CancelJobResponse>(pending);
    },

    async wait(jobId, options) {
      const id = assertPathSegment("jobId", jobId);
      return waitForJob(readJob, id, resolveWaitOptions(options));
    },

    async run(request, options) {
      const body = validatePushRequest(request);
      const resolved = resolveWaitOptions(options, ["cancelOnAbort"]);
      const cancelOnAbort = options?.cancelOnAbort ?? true;
      const { signal } = resolved;
      return runJob(
        {
          push: (pushSignal) =>
            jobs.push(body as typeof request, pushSignal ? { signal: pushSignal } : undefined),
          wait: (id) => waitForJob(readJob, id, resolved),
          cancel: (id) => jobs.cancel(id, { maxRetries: 1, timeoutMs: 10_000 }),
        },
        { signal, cancelOnAbort },
      );
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
      ctx.init(options);
      return paginate(async (offset) => {
        const page = await jobs.list({ ...filter, limit: pageSize, offset }, options);
        return { items: page.data, nextOffset: nextOffsetOf(page, offset, pageSize) };
      });
    },
  };
  return jobs;
}
