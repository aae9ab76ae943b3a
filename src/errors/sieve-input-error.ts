import { SieveError } from "./sieve-error.js";

/**
 * An argument was invalid, so nothing was sent: `field` names it and the message says why.
 *
 * @example
 * try {
 *   await sieve.jobs.get("../admin");
 * } catch (error) {
 *   if (error instanceof SieveInputError) console.error(error.field, error.message);
 * }
 */
export class SieveInputError extends SieveError {
  override name = "SieveInputError";
  /** The argument or field at fault, e.g. `jobId`, `request.webhooks[0].url`. */
  readonly field: string;

  constructor(field: string, reason: string) {
    super(`Invalid ${field}: ${reason}`);
    this.field = field;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field };
  }
}
