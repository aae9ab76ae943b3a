import { SieveApiError } from "../../core/errors/sieve-api-error.js";
import type { ClientContext } from "../../core/request/context.js";
import type { AwaitReader } from "./job-reader.js";

/**
 * The longest one `await` request may take: above the server's 10-minute hold, so that the
 * server's 408 (or its answer) arrives before the client gives up on the request. The client's
 * own per-attempt `timeoutMs` does not apply: holding is what this request is for.
 */
export const AWAIT_REQUEST_TIMEOUT_MS = 11 * 60_000;

/**
 * Sends `GET /jobs/{id}/await` once (no retries: the wait loop decides), limited to the time
 * the wait has left and `AWAIT_REQUEST_TIMEOUT_MS`. A 408 is the end of the server's hold, a
 * 404 or 405 a server without the endpoint; any other failure is thrown as it is.
 */
export function createAwaitReader(ctx: ClientContext): AwaitReader {
  return async (jobId, { signal, timeoutMs }) => {
    const limit = Math.min(timeoutMs ?? Infinity, AWAIT_REQUEST_TIMEOUT_MS);
    const options = { maxRetries: 0, timeoutMs: limit, ...(signal ? { signal } : {}) };
    try {
      return await ctx.call("get", "/jobs/{job_id}/await", { path: { job_id: jobId } }, options);
    } catch (error) {
      if (!(error instanceof SieveApiError)) throw error;
      if (error.status === 408) return "hold-ended";
      if (error.status === 404 || error.status === 405) return "unsupported";
      throw error;
    }
  };
}
