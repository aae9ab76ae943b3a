import type { ComputeAvailability } from "../../generated/sieve.js";
import type { ClientContext } from "../core/request/context.js";
import type { RequestOptions } from "../core/request/request-options.js";

/**
 * `sieve.compute`: Sieve's compute resources.
 *
 * @example
 * const availability = await sieve.compute.availability();
 */
export interface ComputeResource {
  /**
   * The availability of Sieve's compute resources (`GET /services/compute`), as Sieve sends
   * it: its shape is not documented, so it is typed `unknown` (`ComputeAvailability`); narrow
   * it before use.
   *
   * @example
   * const availability = await sieve.compute.availability();
   * console.log(JSON.stringify(availability, null, 2));
   */
  availability(options?: RequestOptions): Promise<ComputeAvailability>;
}

/**
 * Builds `sieve.compute` on a client context.
 */
export function createComputeResource(ctx: ClientContext): ComputeResource {
  return {
    availability: async (options) => ctx.call("get", "/services/compute", {}, options),
  };
}
