import type {
  CancelJobResponse,
  Function as SieveFunction,
  FunctionVersion,
  Job,
  JobPage,
  PushResponse,
  ValidationIssue,
} from "../../generated/sieve.js";
import type { FunctionRegistry, RegisteredFunction } from "./function-registry.js";
import { detailReply, jsonReply, validationReply, type Reply } from "./http-reply.js";
import type { JobRunner } from "./job-runner.js";
import { ORGANIZATION_ID, toJob, type JobStore } from "./job-store.js";
import type { RouteMatch } from "./router.js";
import { readCount, readPageQuery, validatePushBody, type PageQuery } from "./validate-request.js";

/** The state the operations read and change. */
export interface ApiContext {
  registry: FunctionRegistry;
  store: JobStore;
  runner: JobRunner;
}

/** One authenticated request for a known operation. */
export interface ApiCall {
  match: RouteMatch;
  query: URLSearchParams;
  /** The raw body; read only for `pushJob`. */
  body?: string;
}

/**
 * Answers one operation of openapi/sieve.yaml from the emulator's state, as Sieve would:
 * query and body problems first (422), then unknown jobs or functions (404), then the result.
 */
export function handleOperation(ctx: ApiContext, { match, query, body }: ApiCall): Reply {
  const { params } = match;
  switch (match.operation) {
    case "pushJob":
      return pushJob(ctx, body ?? "");
    case "listJobs":
      return withPage(query, true, (page) =>
        jsonReply(200, ctx.store.page(page) satisfies JobPage),
      );
    case "getJob": {
      const issues: ValidationIssue[] = [];
      const offset = readCount(query, "offset", 0, issues);
      if (issues.length > 0) return validationReply(issues);
      const record = ctx.store.get(params.job_id ?? "");
      if (!record) return detailReply(404, "Job not found.");
      return jsonReply(200, toJob(record, offset) satisfies Job);
    }
    case "cancelJob": {
      const record = ctx.store.get(params.job_id ?? "");
      if (!record) return detailReply(404, "Job not found.");
      if (!ctx.runner.cancel(record)) return detailReply(400, "Job is not processing.");
      return jsonReply(200, { message: "Job cancelled." } satisfies CancelJobResponse);
    }
    case "getFunction":
      return withFunction(ctx, params, (fn) => jsonReply(200, fn.metadata satisfies SieveFunction));
    case "listFunctionVersions":
      return withPage(query, false, ({ limit, offset }) =>
        withFunction(ctx, params, (fn) => {
          const versions = fn.versions.slice(offset, offset + limit);
          return jsonReply(200, versions satisfies FunctionVersion[]);
        }),
      );
    case "listFunctionJobs":
      return withPage(query, true, (page) =>
        withFunction(ctx, params, (fn) =>
          jsonReply(200, ctx.store.page(page, fn.ref) satisfies JobPage),
        ),
      );
  }
}

function pushJob(ctx: ApiContext, body: string): Reply {
  const checked = validatePushBody(body);
  if (!("request" in checked)) return validationReply(checked.issues);
  const target = ctx.registry.resolve(checked.request);
  if (target === "invalid") return detailReply(400, "Invalid function specified.");
  if (!target) return detailReply(404, "Function not found.");
  const record = ctx.runner.push(target, checked.request);
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
}

function withPage(
  query: URLSearchParams,
  withStatus: boolean,
  answer: (page: PageQuery) => Reply,
): Reply {
  const issues: ValidationIssue[] = [];
  const page = readPageQuery(query, { withStatus }, issues);
  return issues.length > 0 ? validationReply(issues) : answer(page);
}

function withFunction(
  ctx: ApiContext,
  params: Record<string, string>,
  answer: (fn: RegisteredFunction) => Reply,
): Reply {
  const fn = ctx.registry.get(params.owner_name ?? "", params.function_name ?? "");
  return fn ? answer(fn) : detailReply(404, "Function not found.");
}
