import { SieveError } from "./sieve-error.js";

/**
 * A list page the server returned cannot be paged on: its `next_offset` is not `-1` nor a
 * non-negative integer (a string, a fraction, `-5`), or its items are not a list. The server is
 * at fault, not the caller's `params`; nothing more is fetched. `offset` is where the page
 * started, `nextOffset` what the server said (as received).
 *
 * @example
 * try {
 *   for await (const job of sieve.jobs.all()) console.log(job.id);
 * } catch (error) {
 *   if (error instanceof SievePageError) console.error(error.offset, error.message);
 * }
 */
export class SievePageError extends SieveError {
  override name = "SievePageError";
  /**
   * The offset of the page that was read.
   *
   * @example
   * if (error instanceof SievePageError) console.error(`bad page at offset ${error.offset}`);
   */
  readonly offset: number;
  /**
   * The `next_offset` the server returned, when that was the fault.
   *
   * @example
   * if (error instanceof SievePageError) console.error("next_offset was", error.nextOffset);
   */
  readonly nextOffset: unknown;

  constructor(reason: string, { offset, nextOffset }: { offset: number; nextOffset?: unknown }) {
    super(`The server returned a page that cannot be paged on (at offset ${offset}): ${reason}`);
    this.offset = offset;
    this.nextOffset = nextOffset;
  }

  override toJSON(): Record<string, unknown> {
    // `nextOffset` stays out: the message quotes it shortened, whatever its size.
    return { ...super.toJSON(), offset: this.offset };
  }
}
