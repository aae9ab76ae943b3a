/**
 * Per-call options, the last argument of every method. Each one overrides the client's default
 * for this call only.
 *
 * @example
 * const controller = new AbortController();
 * await sieve.jobs.get(jobId, {}, { signal: controller.signal, timeoutMs: 5_000, maxRetries: 0 });
 */
export interface RequestOptions {
  /**
   * Aborts the call, including a retry sleep. The call rejects with the signal's reason and is
   * never retried.
   *
   * @example
   * await sieve.jobs.list({}, { signal: AbortSignal.timeout(10_000) });
   */
  signal?: AbortSignal;
  /**
   * The time limit of each attempt, in milliseconds.
   *
   * @example
   * await sieve.functions.get("sieve/dubbing", { timeoutMs: 5_000 });
   */
  timeoutMs?: number;
  /**
   * How many times to retry this call.
   *
   * @example
   * await sieve.jobs.cancel(jobId, { maxRetries: 0 });
   */
  maxRetries?: number;
}
