import type {
  EditFunctionRequest,
  EditFunctionVersionRequest,
  Function as SieveFunction,
  FunctionVersion,
  Job,
  JobPage,
  operations,
} from "../../../generated/sieve.js";
import type { RequestOptions } from "../../core/request/request-options.js";
import type { AllJobsParams } from "../jobs/types.js";

/**
 * Query parameters of `GET /functions`.
 *
 * @example
 * const functions = await sieve.functions.list({ limit: 20, offset: 40 });
 */
export type ListFunctionsParams = NonNullable<operations["listFunctions"]["parameters"]["query"]>;
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
 * Query parameters of `GET /functions/{owner_name}/{function_name}/versions/{version_slug}/jobs`
 * (no status filter: the version listing has none).
 *
 * @example
 * const page = await sieve.functions.versionJobs("sieve/dubbing", "latest", { limit: 20 });
 */
export type ListVersionJobsParams = NonNullable<
  operations["listFunctionVersionJobs"]["parameters"]["query"]
>;
/**
 * What the iterators without a filter take (`all`, `allVersions`, `allVersionJobs`): how many
 * items to fetch per request (default 100).
 *
 * @example
 * for await (const fn of sieve.functions.all({ pageSize: 50 })) console.log(fn.name);
 */
export type PageSizeParams = Pick<AllJobsParams, "pageSize">;

/**
 * `sieve.functions`: list, read and edit functions and their versions, and list their jobs.
 *
 * @example
 * const fn = await sieve.functions.get("sieve/dubbing");
 * for await (const version of sieve.functions.allVersions("sieve/dubbing")) console.log(version.id);
 */
export interface FunctionsResource {
  /**
   * Lists the organization's functions, one page (`GET /functions`).
   *
   * @example
   * const functions = await sieve.functions.list({ limit: 50 });
   * console.log(functions.map((fn) => `${fn.owner_name}/${fn.name}`));
   */
  list(params?: ListFunctionsParams, options?: RequestOptions): Promise<SieveFunction[]>;
  /**
   * Iterates over every function of the organization, page after page; a `break` stops
   * fetching.
   *
   * @example
   * for await (const fn of sieve.functions.all()) console.log(fn.owner_name, fn.name, fn.visibility);
   */
  all(
    params?: PageSizeParams,
    options?: RequestOptions,
  ): AsyncGenerator<SieveFunction, void, undefined>;
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
   * Iterates over every version of a function, page after page; a `break` stops fetching.
   *
   * @example
   * for await (const version of sieve.functions.allVersions("sieve/dubbing")) console.log(version.id, version.build_status);
   */
  allVersions(
    ref: string,
    params?: PageSizeParams,
    options?: RequestOptions,
  ): AsyncGenerator<FunctionVersion, void, undefined>;
  /**
   * Reads one version of a function (`GET /functions/{owner}/{name}/versions/{slug}`): `slug`
   * is `latest`, a version's id or a prefix of it.
   *
   * @example
   * const latest = await sieve.functions.version("sieve/dubbing", "latest");
   * console.log(latest.id, latest.build_status, latest.minimum_replicas);
   */
  version(ref: string, slug: string, options?: RequestOptions): Promise<FunctionVersion>;
  /**
   * Lists the jobs that ran a function, one page (`GET /functions/{owner}/{name}/jobs`). A
   * deployment that answers a bare list of jobs gives a page of that list, without
   * `next_offset`.
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
   * Lists the jobs that ran one version of a function, one page
   * (`GET /functions/{owner}/{name}/versions/{slug}/jobs`); a bare list answered is made a page
   * as `jobs` does.
   *
   * @example
   * const page = await sieve.functions.versionJobs("sieve/dubbing", "5f8b2c1e", { limit: 20 });
   * console.log(page.data.map((job) => job.status));
   */
  versionJobs(
    ref: string,
    slug: string,
    params?: ListVersionJobsParams,
    options?: RequestOptions,
  ): Promise<JobPage>;
  /**
   * Iterates over every job that ran one version of a function, page after page; a `break`
   * stops fetching.
   *
   * @example
   * for await (const job of sieve.functions.allVersionJobs("sieve/dubbing", "latest")) console.log(job.id);
   */
  allVersionJobs(
    ref: string,
    slug: string,
    params?: PageSizeParams,
    options?: RequestOptions,
  ): AsyncGenerator<Job, void, undefined>;
  /**
   * Changes a function's metadata (`POST /functions/{owner}/{name}/edit`): only the fields
   * given change, `null` clears one. Unknown fields, a non-object and bad webhooks are refused
   * before sending. Unlike a push, an edit is retried as a GET is (after a connection failure, a
   * timeout, 408, 429 or a 5xx): sending the same edit twice sets the same fields again.
   *
   * @example
   * const fn = await sieve.functions.edit("my-org/dubber", { description: "Dubs videos.", visibility: "private" });
   */
  edit(ref: string, changes: EditFunctionRequest, options?: RequestOptions): Promise<SieveFunction>;
  /**
   * Changes how many replicas of a version Sieve keeps
   * (`POST /functions/{owner}/{name}/versions/{slug}/edit`): each a non-negative integer, or
   * `null`; the minimum not above the maximum. Resent as `edit` is.
   *
   * @example
   * await sieve.functions.editVersion("my-org/dubber", "latest", { minimum_replicas: 1, maximum_replicas: 4 });
   */
  editVersion(
    ref: string,
    slug: string,
    changes: EditFunctionVersionRequest,
    options?: RequestOptions,
  ): Promise<FunctionVersion>;
}
