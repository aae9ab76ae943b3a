/**
 * One line of a batch's journal, written before the batch acts on it (what a rerun trusts):
 * - `pushing`: the push of item `index` is about to be sent; `key` fingerprints the request
 *   (its `env` left out: no secret is ever written), so a rerun with other requests is caught.
 * - `pushed`: the push answered with `jobId`.
 * - `refused`: the push created no job (a 429 or another 4xx, or it never left): a rerun may
 *   push the item again.
 * - `ambiguous`: the push failed after it may have arrived (a 5xx, a dropped connection, a
 *   timeout): a job may exist, so the item is never pushed again.
 * - `ended`: the job ended with `status` (`finished`, `error`, `cancelled`).
 *
 * A `pushing` with nothing after it for its item (the process died during the push) counts as
 * `ambiguous`.
 *
 * @example
 * const entries: BatchJournalEntry[] = [
 *   { type: "pushing", index: 0, key: "9f1c03ab" },
 *   { type: "pushed", index: 0, jobId: "4b6f2c1e-job" },
 *   { type: "ended", index: 0, jobId: "4b6f2c1e-job", status: "finished" },
 * ];
 */
export type BatchJournalEntry =
  | { type: "pushing"; index: number; key: string }
  | { type: "pushed"; index: number; jobId: string }
  | { type: "refused"; index: number }
  | { type: "ambiguous"; index: number }
  | { type: "ended"; index: number; jobId: string; status: string };

/**
 * Where a batch keeps its journal, for runtimes without files (browsers, Workers) or to keep it
 * in your own database. `append` must keep the entry before it resolves (the batch acts on it
 * next) and keep the order of the entries; `load` returns every entry kept, oldest first. The
 * batch calls `load` once at its start.
 *
 * @example
 * const journal: BatchJournal = {
 *   load: async () => JSON.parse(localStorage.getItem("batch") ?? "[]"),
 *   append: async (entry) => {
 *     const entries = JSON.parse(localStorage.getItem("batch") ?? "[]");
 *     localStorage.setItem("batch", JSON.stringify([...entries, entry]));
 *   },
 * };
 * for await (const result of sieve.jobs.runAll(requests, { journal })) console.log(result.index);
 */
export interface BatchJournal {
  /**
   * Every entry appended so far, oldest first (none for a new batch).
   *
   * @example
   * const entries = await journal.load();
   */
  load(): Promise<readonly BatchJournalEntry[]>;
  /**
   * Keeps one more entry; resolves once it is kept.
   *
   * @example
   * await journal.append({ type: "pushed", index: 3, jobId: "4b6f2c1e-job" });
   */
  append(entry: BatchJournalEntry): Promise<void>;
}
