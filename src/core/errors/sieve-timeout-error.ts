import { SieveConnectionError } from "./sieve-connection-error.js";

/**
 * An attempt took longer than `timeoutMs` (per attempt), and no retry was left or allowed.
 * A subclass of `SieveConnectionError`, as no response arrived.
 *
 * @example
 * try {
 *   await sieve.jobs.get(jobId, {}, { timeoutMs: 2_000, maxRetries: 0 });
 * } catch (error) {
 *   if (error instanceof SieveTimeoutError) console.error(`gave up after ${error.timeoutMs} ms`);
 * }
 */
export class SieveTimeoutError extends SieveConnectionError {
  override name = "SieveTimeoutError";
  /**
   * The per-attempt limit that was exceeded, in milliseconds.
   *
   * @example
   * if (error instanceof SieveTimeoutError) console.error(`no answer within ${error.timeoutMs} ms`);
   */
  readonly timeoutMs: number;

  constructor(
    message: string,
    target: { method: string; url: string; timeoutMs: number },
    options?: { cause?: unknown },
  ) {
    super(message, target, options);
    this.timeoutMs = target.timeoutMs;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), timeoutMs: this.timeoutMs };
  }
}
