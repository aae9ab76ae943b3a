import type { Function as SieveFunction, Job, JobPage } from "../../../generated/sieve.js";
import { checkCallOptions } from "../../core/request/call-options.js";
import type { ClientContext } from "../../core/request/context.js";
import { paginateJobPages, paginateLists } from "../../core/request/paginate.js";
import {
  checkEditFunctionRequest,
  checkEditFunctionVersionRequest,
} from "../../core/validation/edit-request.js";
import { parseFunctionRef } from "../../core/validation/function-ref.js";
import { checkIterationParams, checkPageQuery } from "../../core/validation/page-query.js";
import { checkPathSegment } from "../../core/validation/path-segment.js";
import type { FunctionsResource } from "./types.js";

const FUNCTION = "/functions/{owner_name}/{function_name}";
const VERSION = "/functions/{owner_name}/{function_name}/versions/{version_slug}";

/** The path parameters of a function, from its `owner/name`. */
export function functionPath(ref: string): { owner_name: string; function_name: string } {
  const { owner, name } = parseFunctionRef("ref", ref);
  return { owner_name: owner, function_name: name };
}

/** The path parameters of a function version, from `owner/name` and a slug (`latest`, an id). */
export function versionPath(ref: string, slug: string) {
  return { ...functionPath(ref), version_slug: checkPathSegment("slug", slug) };
}

/** A function's `owner/name`, to skip one listed twice while paging. */
const refOf = (fn: SieveFunction): string | undefined =>
  typeof fn.owner_name === "string" && typeof fn.name === "string"
    ? `${fn.owner_name}/${fn.name}`
    : undefined;

/**
 * Builds `sieve.functions` on a client context.
 */
export function createFunctionsResource(ctx: ClientContext): FunctionsResource {
  const functions: FunctionsResource = {
    async list(params, options) {
      const query = checkPageQuery(params, { withStatus: false });
      return ctx.call("get", "/functions", { query }, options);
    },

    all(params, options) {
      checkCallOptions(options);
      const { pageSize } = checkIterationParams(params, { withStatus: false });
      const list = (window: { limit: number; offset: number }) => functions.list(window, options);
      return paginateLists(list, pageSize, { keyOf: refOf });
    },

    async get(ref, options) {
      return ctx.call("get", FUNCTION, { path: functionPath(ref) }, options);
    },

    async versions(ref, params, options) {
      const query = checkPageQuery(params, { withStatus: false });
      return ctx.call("get", `${FUNCTION}/versions`, { path: functionPath(ref), query }, options);
    },

    allVersions(ref, params, options) {
      functionPath(ref);
      checkCallOptions(options);
      const { pageSize } = checkIterationParams(params, { withStatus: false });
      return paginateLists((window) => functions.versions(ref, window, options), pageSize);
    },

    async version(ref, slug, options) {
      return ctx.call("get", VERSION, { path: versionPath(ref, slug) }, options);
    },

    async jobs(ref, params, options) {
      const input = {
        path: functionPath(ref),
        query: checkPageQuery(params, { withStatus: true }),
      };
      return toJobPage(await ctx.call("get", `${FUNCTION}/jobs`, input, options));
    },

    allJobs(ref, params, options) {
      functionPath(ref);
      checkCallOptions(options);
      const { pageSize, filter } = checkIterationParams(params, { withStatus: true });
      const list = (window: { limit: number; offset: number }) =>
        functions.jobs(ref, { ...filter, ...window }, options);
      return paginateJobPages(list, pageSize);
    },

    async versionJobs(ref, slug, params, options) {
      const query = checkPageQuery(params, { withStatus: false });
      const input = { path: versionPath(ref, slug), query };
      return toJobPage(await ctx.call("get", `${VERSION}/jobs`, input, options));
    },

    allVersionJobs(ref, slug, params, options) {
      versionPath(ref, slug);
      checkCallOptions(options);
      const { pageSize } = checkIterationParams(params, { withStatus: false });
      const list = (window: { limit: number; offset: number }) =>
        functions.versionJobs(ref, slug, window, options);
      return paginateJobPages(list, pageSize);
    },

    async edit(ref, changes, options) {
      const input = { path: functionPath(ref), body: checkEditFunctionRequest(changes) };
      return ctx.call("post", `${FUNCTION}/edit`, input, options);
    },

    async editVersion(ref, slug, changes, options) {
      const input = {
        path: versionPath(ref, slug),
        body: checkEditFunctionVersionRequest(changes),
      };
      return ctx.call("post", `${VERSION}/edit`, input, options);
    },
  };
  return functions;
}

/**
 * A page of jobs from what a jobs listing answered: the page itself, or, from deployments that
 * answer a bare list (seed 001), a page of that list without `next_offset` (the paginator then
 * reads on while pages come back full).
 */
function toJobPage(answer: JobPage | Job[]): JobPage {
  return Array.isArray(answer) ? { data: answer } : answer;
}
