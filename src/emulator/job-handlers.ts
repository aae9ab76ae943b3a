import {
  pathsPushPostParametersQuerySourceValues,
  type CancelJobResponse,
  type Job,
  type JobPage,
  type PushResponse,
  type ValidationIssue,
} from "../../generated/sieve.js";
import {
  checked,
  type Answer,
  type ApiCall,
  type ApiContext,
  type Handler,
} from "./handler-support.js";
import { detailReply, jsonReply, validationReply, type Reply } from "./http-reply.js";
import { ORGANIZATION_ID, toJob, type JobRecord } from "./job-store.js";
import { readCount, readEnum, readPageQuery } from "./query-params.js";
import { validatePushBody } from "./validate-request.js";

/**
 * `POST /push`: validates `source` and the body (422 with every issue), resolves the function
 * (400 malformed, 404 unknown), queues the job.
 */
export const pushJob: Handler = (ctx, { query, body }) => {
  const issues: ValidationIssue[] = [];
  readEnum(query, "source", pathsPushPostParametersQuerySourceValues, "api", issues);
  const checkedBody = validatePushBody(body ?? "");
  if (!("request" in checkedBody)) issues.push(...checkedBody.issues);
  if (issues.length > 0 || !("request" in checkedBody)) return validationReply(issues);
  const target = ctx.registry.resolve(checkedBody.request);
  if (target === "invalid") return detailReply(400, "Invalid function specified.");
  if (!target) return detailReply(404, "Function not found.");
  const record = ctx.runner.push(target, checkedBody.request);
  const response: PushResponse = {
    id: record.id,
    run_id: record.runId,
    stream_output: target.fn.streamOutput,
    status: record.status,
    organization_id: ORGANIZATION_ID,
    model_id: target.versionId,
    workflow_id: null,
  };
  return jsonReply(200, response);
};

/** `GET /jobs`: one page of every job, newest first. */
export const listJobs: Handler = (ctx, { query }) =>
  checked(
    (issues) => readPageQuery(query, { withStatus: true }, issues),
    (page) => jsonReply(200, ctx.store.page(page) satisfies JobPage),
  );

/** `GET /jobs/{job_id}`: the job, skipping `offset` outputs. */
export const getJob: Handler = (ctx, call) =>
  withJob(ctx, call, (record, offset) => jsonReply(200, toJob(record, offset) satisfies Job));

/** `DELETE /jobs/{job_id}`: cancels a job that has not ended, else 400. */
export const cancelJob: Handler = (ctx, { match }) => {
  const record = ctx.store.get(match.params.job_id ?? "");
  if (!record) return detailReply(404, "Job not found.");
  if (!ctx.runner.cancel(record)) return detailReply(400, "Job is not processing.");
  return jsonReply(200, { message: "Job cancelled." } satisfies CancelJobResponse);
};

/**
 * `GET /jobs/{job_id}/await`: answers as `getJob` once the job has ended (at once if it has),
 * or 408 `Request timeout.` after `awaitHoldMs`; nothing if the client leaves first.
 */
export const awaitJob: Handler = (ctx, call) =>
  withJob(ctx, call, async (record, offset) => {
    if (record.completedAt === null) {
      const outcome = await ctx.waiters.hold(record.id, ctx.awaitHoldMs, call.signal);
      if (outcome === "gone") return null;
      if (outcome === "timeout") return detailReply(408, "Request timeout.");
    }
    return jsonReply(200, toJob(record, offset) satisfies Job);
  });

function withJob(
  ctx: ApiContext,
  { match, query }: ApiCall,
  answer: (record: JobRecord, offset: number) => Answer,
): Answer {
  return checked(
    (issues) => readCount(query, "offset", 0, issues),
    (offset): Answer => {
      const record = ctx.store.get(match.params.job_id ?? "");
      return record ? answer(record, offset) : (detailReply(404, "Job not found.") satisfies Reply);
    },
  );
}
