import { SieveError } from "./sieve-error.js";

/** The longest field name a message repeats; `field` itself is kept whole. */
const MAX_FIELD_IN_MESSAGE = 200;
/** The longest reason a message carries, so that no quoted value can make it huge. */
const MAX_REASON = 1_000;

/**
 * An argument was invalid, so nothing was sent: `field` names it and the message says why.
 * The message is bounded (a field of at most 200 characters, a reason of at most 1,000) so
 * that a huge bad value never yields a huge message; validators quote values shortened.
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
  /**
   * The argument or field at fault, e.g. `jobId`, `request.webhooks[0].url`.
   *
   * @example
   * if (error instanceof SieveInputError && error.field === "jobId") console.error("not a job id");
   */
  readonly field: string;

  constructor(field: string, reason: string, options?: { cause?: unknown }) {
    super(`Invalid ${cut(field, MAX_FIELD_IN_MESSAGE)}: ${cut(reason, MAX_REASON)}`, options);
    this.field = field;
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), field: this.field };
  }
}

function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}
