import type {
  Function as SieveFunction,
  FunctionVersion,
  Job,
  JobPage,
  operations,
} from "../../generated/sieve.js";
import { checkCallOptions } from "../core/request/call-options.js";
import type { ClientContext } from "../core/request/context.js";
import { nextOffsetOf, paginate } from "../core/request/paginate.js";
import type { AllJobsParams } from "./jobs/types.js";
import type { RequestOptions } from "../core/request/request-options.js";
import { parseFunctionRef } from "../core/validation/function-ref.js";
import { checkIterationParams, checkPageQuery } from "../core/validation/page-query.js";

/**
 * Query parameters of `GET /functions/{owner_name}/{function_name}/versions`.
 *
 * @example
 * const versions = await sieve.functions.versions("sieve/dubbing", { limit: 10, offset: 10 });
 */
export type ListVersionsParams = NonNullable<
  operations["listFunctionVersions"]["parameters"]["query"]
>;
/**
 * Query parameters of `GET /functions/{owner_name}/{function_name}/jobs`.
 *
 * @example
 * const page = await sieve.functions.jobs("sieve/dubbing", { status: "error", limit: 20 });
 */
export type ListFunctionJobsParams = NonNullable<
  operations["listFunctionJobs"]["parameters"]["query"]
>;

/**
 * `sieve.functions`: read a function's metadata, versions and jobs.
 *
 * @example
 * const fn = await sieve.functions.get("sieve/dubbing");
 * for await (const version of sieve.functions.allVersions("sieve/dubbing")) console.log(version.id);
 */
export interface FunctionsResource {
  /**
   * Reads a function and its latest version (`GET /functions/{owner}/{name}`).
   *
   * @example
   * const fn = await sieve.functions.get("sieve/dubbing");
   * console.log(fn.latest_version?.inputs.map((input) => input.name));
   */
  get(ref: string, options?: RequestOptions): Promise<SieveFunction>;
  /**
   * Lists a function's versions (`GET /functions/{owner}/{name}/versions`).
   *
   * @example
   * const versions = await sieve.functions.versions("sieve/dubbing", { limit: 5 });
   */
  versions(
    ref: string,
    params?: ListVersionsParams,
    options?: RequestOptions,
  ): Promise<FunctionVersion[]>;
  /**
   * Lists the jobs that ran a function, one page (`GET /functions/{owner}/{name}/jobs`).
   *
   * @example
   * const page = await sieve.functions.jobs("sieve/dubbing", { status: "finished", limit: 20 });
   */
  jobs(ref: string, params?: ListFunctionJobsParams, options?: RequestOptions): Promise<JobPage>;
  /**
   * Iterates over every job that ran a function, page after page; a `break` stops fetching.
   *
   * @example
   * for await (const job of sieve.functions.allJobs("sieve/dubbing", { status: "error" })) console.log(job.error);
   */
  allJobs(
    ref: string,
    params?: AllJobsParams,
    options?: RequestOptions,
  ): AsyncGenerator<Job, void, undefined>;
  /**
   * Iterates over every version of a function, page after page; a `break` stops fetching.
   *
   * @example
   * for await (const version of sieve.functions.allVersions("sieve/dubbing")) console.log(version.id, version.build_status);
   */
  allVersions(
    ref: string,
    params?: Pick<AllJobsParams, "pageSize">,
    options?: RequestOptions,
  ): AsyncGenerator<FunctionVersion, void, undefined>;
}

/**
 * Builds `sieve.functions` on a client context.
 */
export function createFunctionsResource(ctx: ClientContext): FunctionsResource {
  const pathOf = (ref: string) => {
    const { owner, name } = parseFunctionRef("ref", ref);
    return { owner_name: owner, function_name: name };
  };
  const functions: FunctionsResource = {
    async get(ref, options) {
      return ctx.call(
        "get",
        "/functions/{owner_name}/{function_name}",
        { path: pathOf(ref) },
        options,
      );
    },

    async versions(ref, params, options) {
      const input = { path: pathOf(ref), query: checkPageQuery(params, { withStatus: false }) };
      return ctx.call("get", "/functions/{owner_name}/{function_name}/versions", input, options);
    },

    async jobs(ref, params, options) {
      const input = { path: pathOf(ref), query: checkPageQuery(params, { withStatus: true }) };
      return ctx.call("get", "/functions/{owner_name}/{function_name}/jobs", input, options);
    },

    allJobs(ref, params, options) {
      pathOf(ref);
      checkCallOptions(options);
      const { pageSize, filter } = checkIterationParams(params, { withStatus: true });
      return paginate(async (offset) => {
        const page = await functions.jobs(ref, { ...filter, limit: pageSize, offset }, options);
        return { items: page.data, nextOffset: nextOffsetOf(page, offset, pageSize) };
      });
    },

    allVersions(ref, params, options) {
      pathOf(ref);
      checkCallOptions(options);
      const { pageSize } = checkIterationParams(params, { withStatus: false });
      return paginate(async (offset) => {
        const items = await functions.versions(ref, { limit: pageSize, offset }, options);
        return { items, nextOffset: items.length >= pageSize ? offset + items.length : undefined };
      });
    },
  };
  return functions;
}
