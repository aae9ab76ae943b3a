import type {
  Function as SieveFunction,
  FunctionVersion,
  JobPage,
  operations,
} from "../../generated/sieve.js";
import type { ClientContext } from "../client/context.js";
import type { RequestOptions } from "../types/request-options.js";
import { parseFunctionRef } from "../validation/function-ref.js";
import { checkPageQuery } from "../validation/page-query.js";

/** Query parameters of `GET /functions/{owner_name}/{function_name}/versions`. */
export type ListVersionsParams = NonNullable<
  operations["listFunctionVersions"]["parameters"]["query"]
>;
/** Query parameters of `GET /functions/{owner_name}/{function_name}/jobs`. */
export type ListFunctionJobsParams = NonNullable<
  operations["listFunctionJobs"]["parameters"]["query"]
>;

/** `sieve.functions`: read a function's metadata, versions and jobs. */
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
}

/**
 * Builds `sieve.functions` on a client context.
 *
 * @example
 * const functions = createFunctionsResource(ctx);
 */
export function createFunctionsResource(ctx: ClientContext): FunctionsResource {
  const pathOf = (ref: string) => {
    const { owner, name } = parseFunctionRef("ref", ref);
    return { owner_name: owner, function_name: name };
  };
  return {
    async get(ref, options) {
      const path = pathOf(ref);
      const init = ctx.init(options);
      const pending = ctx.raw.GET("/functions/{owner_name}/{function_name}", {
        params: { path },
        parseAs: "text",
        ...init,
      });
      return ctx.unwrap<SieveFunction>(pending);
    },

    async versions(ref, params, options) {
      const path = pathOf(ref);
      const query = checkPageQuery(params, { withStatus: false });
      const init = ctx.init(options);
      const pending = ctx.raw.GET("/functions/{owner_name}/{function_name}/versions", {
        params: { path, query },
        parseAs: "text",
        ...init,
      });
      return ctx.unwrap<FunctionVersion[]>(pending);
    },

    async jobs(ref, params, options) {
      const path = pathOf(ref);
      const query = checkPageQuery(params, { withStatus: true });
      const init = ctx.init(options);
      const pending = ctx.raw.GET("/functions/{owner_name}/{function_name}/jobs", {
        params: { path, query },
        parseAs: "text",
        ...init,
      });
      return ctx.unwrap<JobPage>(pending);
    },
  };
}
