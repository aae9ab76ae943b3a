import type { RequestTarget } from "./sieve-connection-error.js";
import { SieveError } from "./sieve-error.js";

/**
 * A request failed inside the client, not on the network nor at the server: a bug in
 * sieve-client, or a runtime it does not support. `cause` is the original error. Never retried,
 * and `jobs.wait` does not poll through it.
 *
 * @example
 * try {
 *   await sieve.jobs.get(jobId);
 * } catch (error) {
 *   if (error instanceof SieveInternalError) reportBug(error.cause);
 * }
 */
export class SieveInternalError extends SieveError {
  override name = "SieveInternalError";
  readonly method: string;
  readonly url: string;

  constructor(message: string, target: RequestTarget, options?: { cause?: unknown }) {
    super(message, options);
    this.method = target.method;
    this.url = target.url;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), method: this.method, url: this.url };
  }
}
