import type {
  CancelJobResponse,
  Job,
  JobPage,
  operations,
  PushRequest,
  PushResponse,
} from "../../generated/sieve.js";
import type { ClientContext } from "../client/context.js";
import { NOT_SENT_TWICE } from "../http/transport.js";
import type { RequestOptions } from "../types/request-options.js";
import { assertPathSegment } from "../validation/path-segment.js";
import { validatePushRequest } from "../validation/push-request.js";
import { checkPageQuery } from "../validation/page-query.js";
import { assertCount, assertKnownKeys, assertOptionalObject } from "../validation/query-params.js";

/**
 * A push request: the spec's `PushRequest`, with exactly one of `function` and `id` required
 * at compile time (the spec can only say so in prose).
 */
export type PushJobRequest = Omit<PushRequest, "function" | "id"> &
  ({ function: string; id?: never } | { id: string; function?: never });

/** Query parameters of `GET /jobs/{job_id}`. */
export type GetJobParams = NonNullable<operations["getJob"]["parameters"]["query"]>;
/** Query parameters of `GET /jobs`. */
export type ListJobsParams = NonNullable<operations["listJobs"]["parameters"]["query"]>;

/** `sieve.jobs`: push, read, list and cancel jobs. */
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
   * Lists the organization's jobs, newest first, one page (`GET /jobs`).
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
}

/**
 * Builds `sieve.jobs` on a client context.
 *
 * @example
 * const jobs = createJobsResource(ctx);
 */
export function createJobsResource(ctx: ClientContext): JobsResource {
  return {
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
  };
}
