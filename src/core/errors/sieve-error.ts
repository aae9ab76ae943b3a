/**
 * The base class of every error this client throws, so one `instanceof SieveError` catches them
 * all. `cause` carries the underlying error where there is one.
 *
 * @example
 * try {
 *   await sieve.jobs.get(jobId);
 * } catch (error) {
 *   if (error instanceof SieveError) console.error(error.name, error.message);
 * }
 */
export class SieveError extends Error {
  override name = "SieveError";

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }

  /**
   * A plain, secret-free summary: what `JSON.stringify(error)` prints.
   *
   * @example
   * if (error instanceof SieveError) logger.error("sieve call failed", error.toJSON());
   */
  toJSON(): Record<string, unknown> {
    return { name: this.name, message: this.message };
  }
}
