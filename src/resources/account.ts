import type { Concurrency } from "../../generated/sieve.js";
import type { ClientContext } from "../core/request/context.js";
import type { RequestOptions } from "../core/request/request-options.js";

/**
 * `sieve.account`: the organization's own limits.
 *
 * @example
 * const { max_concurrency, num_processing } = await sieve.account.concurrency();
 */
export interface AccountResource {
  /**
   * The organization's concurrency limit and how many of its jobs are processing, queued, or
   * waiting for a concurrency slot right now (`GET /user/concurrency`).
   *
   * @example
   * const usage = await sieve.account.concurrency();
   * if (usage.num_limited > 0) console.log(`${usage.num_limited} jobs wait for one of ${usage.max_concurrency} slots`);
   */
  concurrency(options?: RequestOptions): Promise<Concurrency>;
}

/**
 * Builds `sieve.account` on a client context.
 */
export function createAccountResource(ctx: ClientContext): AccountResource {
  return {
    concurrency: async (options) => ctx.call("get", "/user/concurrency", {}, options),
  };
}
