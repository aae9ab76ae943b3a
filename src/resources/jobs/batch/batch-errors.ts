import { SieveError } from "../../../core/errors/sieve-error.js";

/**
 * A batch item's push may have created a job whose id is unknown: it failed after it may have
 * reached Sieve (a 5xx, a connection dropped during the answer, a timeout; `cause` is that
 * error), or an earlier run recorded in the journal started it and never recorded its answer
 * (no `cause`). `sieve.jobs.runAll` never sends such a push again: check `sieve.jobs.list()`
 * before you push the item yourself.
 *
 * @example
 * for await (const result of sieve.jobs.runAll(requests)) {
 *   if (result.error instanceof SieveAmbiguousPushError) console.warn(`item ${result.index}: ${result.error.message}`);
 * }
 */
export class SieveAmbiguousPushError extends SieveError {
  override name = "SieveAmbiguousPushError";
  /**
   * Always true: a job may exist.
   *
   * @example
   * if (result.error instanceof SieveAmbiguousPushError && result.error.jobMayExist) toCheck.push(result.request);
   */
  readonly jobMayExist = true;

  constructor(index: number, cause?: unknown) {
    const why =
      cause instanceof Error && cause.message
        ? `its push failed after it may have reached Sieve (${cause.message.replace(/\.$/, "")})`
        : "an earlier run sent its push and recorded no answer";
    super(
      `Item ${index}: ${why}; a job may exist whose id is unknown, so the push was not sent again: check sieve.jobs.list().`,
      cause === undefined ? undefined : { cause },
    );
  }

  override toJSON(): Record<string, unknown> {
    return { ...super.toJSON(), jobMayExist: true };
  }
}

/**
 * A batch's journal could not be used: `load` or `append` failed (`cause`), a line is not an
 * entry, or an item's request is not the one the journal recorded for its index. A journal that
 * cannot be loaded ends the batch before anything is sent; an entry that cannot be appended
 * fails that item, which is then not pushed.
 *
 * @example
 * try {
 *   for await (const result of sieve.jobs.runAll(requests, { journal: "batch.jsonl" })) console.log(result.index);
 * } catch (error) {
 *   if (error instanceof SieveJournalError) console.error("journal unusable:", error.message);
 * }
 */
export class SieveJournalError extends SieveError {
  override name = "SieveJournalError";
}
