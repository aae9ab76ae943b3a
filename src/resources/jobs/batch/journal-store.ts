import { SieveJournalError } from "./batch-errors.js";
import type { FileJournal } from "./file-journal.js";
import { replayJournal, type ItemRecord } from "./journal-replay.js";
import type { BatchJournal, BatchJournalEntry } from "./journal-types.js";

/** The journal as the batch uses it: what it recorded, and how to record more. */
export interface OpenJournal {
  /** What the journal recorded of each item index. */
  records: Map<number, ItemRecord>;
  /** Appends an entry; rejects with `SieveJournalError` when the store fails. */
  append(entry: BatchJournalEntry): Promise<void>;
  /** Appends an entry that only adds detail: a failure to keep it changes nothing, and is ignored. */
  note(entry: BatchJournalEntry): Promise<void>;
  /** Lets go of the store (closes the file the batch opened). */
  close(): Promise<void>;
}

/** Opens a journal file: set by the Node entry, absent in the web-standard build. */
let openFileJournal: ((path: string) => Promise<FileJournal>) | undefined;

/** Lets `runAll` take a journal path: called by the Node entry with its file journal. */
export function useFileJournals(open: (path: string) => Promise<FileJournal>): void {
  openFileJournal = open;
}

/** No journal: nothing recorded, nothing kept. */
const NO_JOURNAL: OpenJournal = {
  records: new Map(),
  append: async () => undefined,
  note: async () => undefined,
  close: async () => undefined,
};

/**
 * Opens the batch's journal (a path: a file of JSON lines; or the caller's store) and replays
 * it. Any failure is a `SieveJournalError`, and the batch sends nothing.
 */
export async function openJournal(
  journal: string | BatchJournal | undefined,
): Promise<OpenJournal> {
  if (journal === undefined) return NO_JOURNAL;
  // The file is the batch's own, to close; the caller's store is the caller's.
  if (typeof journal === "string" && !openFileJournal)
    throw new SieveJournalError(
      "A journal path needs the Node entry of sieve-client; in this runtime give a " +
        "{ load, append } store (BatchJournal) instead.",
    );
  const file =
    typeof journal === "string" && openFileJournal ? await openFileJournal(journal) : undefined;
  const store = file ?? (journal as BatchJournal);
  try {
    const entries = await store.load().catch((error: unknown) => {
      throw journalFailure("Cannot load the journal", error);
    });
    if (!Array.isArray(entries)) throw new SieveJournalError("The journal's load() gave no array.");
    const append = (entry: BatchJournalEntry) =>
      Promise.resolve()
        .then(() => store.append(entry))
        .catch((error: unknown) => {
          const what = `Cannot append "${entry.type}" for item ${entry.index} to the journal`;
          throw journalFailure(what, error);
        });
    return {
      records: replayJournal(entries),
      append,
      note: (entry) => append(entry).catch(() => undefined),
      close: async () => file?.close(),
    };
  } catch (error) {
    await file?.close().catch(() => undefined);
    throw error;
  }
}

function journalFailure(what: string, error: unknown): SieveJournalError {
  if (error instanceof SieveJournalError) return error;
  const why = error instanceof Error ? `: ${error.message}` : "";
  return new SieveJournalError(`${what}${why}`, { cause: error });
}
