import { DEFAULT_MAX_LONG_POLLS } from "./core/config/limits.js";
import createClient, { type Client } from "openapi-fetch";
import type { paths } from "../generated/sieve.js";
import { createFetchSender } from "./core/http/fetch-sender.js";
import { guardedPathSerializer } from "./core/http/guarded-path-serializer.js";
import type { Sender } from "./core/http/http-types.js";
import { createRawFetchAdapter } from "./core/http/raw-fetch-adapter.js";
import { createTransport } from "./core/http/transport.js";
import { createAccountResource, type AccountResource } from "./resources/account.js";
import { createComputeResource, type ComputeResource } from "./resources/compute.js";
import { createFunctionsResource } from "./resources/functions/index.js";
import type { FunctionsResource } from "./resources/functions/types.js";
import { createJobsResource } from "./resources/jobs/index.js";
import type { JobsResource } from "./resources/jobs/types.js";
import { createUsageResource, type UsageResource } from "./resources/usage.js";
import type { SieveClientOptions } from "./core/config/client-options.js";
import { createContext } from "./core/request/context.js";
import { resolveConfig } from "./core/config/resolve-config.js";

/**
 * A Sieve API client: one typed method per operation, plus the raw openapi-fetch client.
 *
 * @example
 * const sieve: SieveClient = createSieveClient();
 * const job = await sieve.jobs.get(id);
 */
export interface SieveClient {
  /**
   * Push, read, list, cancel, wait for and stream jobs, their outputs and logs, and their cost.
   *
   * @example
   * const { id } = await sieve.jobs.push({ function: "sieve/dubbing", inputs });
   */
  jobs: JobsResource;
  /**
   * List, read and edit functions and their versions, and list their jobs.
   *
   * @example
   * const fn = await sieve.functions.get("sieve/dubbing");
   */
  functions: FunctionsResource;
  /**
   * What the organization used and spent: in total, per function or version, its credits and
   * its concurrency over time.
   *
   * @example
   * const { total_cost_dollars } = await sieve.usage.total({ start: new Date("2026-01-01Z") });
   */
  usage: UsageResource;
  /**
   * The organization's own limits: its concurrency limit and use right now.
   *
   * @example
   * const { max_concurrency } = await sieve.account.concurrency();
   */
  account: AccountResource;
  /**
   * Sieve's compute resources: their availability.
   *
   * @example
   * const availability = await sieve.compute.availability();
   */
  compute: ComputeResource;
  /**
   * The typed openapi-fetch client on the same auth, retries, timeouts and path guard, for
   * anything the methods do not cover. It returns `{ data, error, response }` as openapi-fetch
   * does, and throws `SieveConnectionError`/`SieveTimeoutError` when no response arrives.
   *
   * @example
   * const { data, error } = await sieve.raw.GET("/jobs/{job_id}", { params: { path: { job_id: id } } });
   */
  raw: Client<paths>;
}

/**
 * Builds a client on the sender a runtime prefers when the caller gives no `fetch`: the entry
 * for Node passes its undici sender, the web-standard entry passes none.
 */
export function createClientOn(
  options: SieveClientOptions | undefined,
  preferred?: (settings: { http2: boolean }) => Sender,
): SieveClient {
  const config = resolveConfig(options);
  const onPreferred = options?.fetch === undefined && preferred !== undefined;
  const send = onPreferred ? preferred({ http2: config.http2 }) : createFetchSender(config.fetch);
  const transport = createTransport({ ...config, send });
  const maxLongPolls =
    config.maxLongPolls ??
    DEFAULT_MAX_LONG_POLLS[config.http2 ? "http2" : onPreferred ? "undici" : "fetch"];
  const raw = createClient<paths>({
    baseUrl: config.baseUrl,
    fetch: createRawFetchAdapter(transport),
    headers: config.headers,
    pathSerializer: guardedPathSerializer,
  });
  const ctx = createContext(transport, { ...config, maxLongPolls, ready: send.ready });
  return {
    jobs: createJobsResource(ctx),
    functions: createFunctionsResource(ctx),
    usage: createUsageResource(ctx),
    account: createAccountResource(ctx),
    compute: createComputeResource(ctx),
    raw,
  };
}

/**
 * Creates a client. Every option is optional: the key comes from `SIEVE_API_KEY` by default.
 * Throws `SieveConfigError` at once for a missing key or a bad option.
 *
 * @example
 * import { createSieveClient } from "sieve-client";
 *
 * const sieve = createSieveClient({ apiKey: process.env.SIEVE_API_KEY });
 * const { id } = await sieve.jobs.push({ function: "sieve/dubbing", inputs: { target_language: "spanish" } });
 */
export function createSieveClient(options?: SieveClientOptions): SieveClient {
  return createClientOn(options);
}
