import { SieveJournalError } from "./batch-errors.js";
import { lockJournal } from "./journal-lock.js";
import type { BatchJournal, BatchJournalEntry } from "./journal-types.js";

import * as fs from "node:fs/promises";

/** A journal in a file, which the batch closes when it ends. */
export interface FileJournal extends BatchJournal {
  close(): Promise<void>;
}

/**
 * Opens (or creates) a journal file of JSON lines, one entry each, for appending. A last line
 * without its newline was cut short by a crash while it was written: it is dropped if it cannot
 * be read (the step it announced never happened: each line is written before its step), and
 * completed if it can. Appends are written one after another, in order; none is fsynced. The
 * file is locked (`<path>.lock`, see `lockJournal`) until `close`, so that a second batch on it
 * fails with `SieveJournalError` instead of pushing the same jobs twice. Node
 * only: the Node entry registers it (`useFileJournals`), so the web build imports no `node:`
 * module.
 */
export async function openFileJournal(path: string): Promise<FileJournal> {
  const unlock = await lockJournal(path);
  try {
    return await openLocked(path, unlock);
  } catch (error) {
    await unlock();
    throw error;
  }
}

async function openLocked(path: string, unlock: () => Promise<void>): Promise<FileJournal> {
  const text = await fs.readFile(path, "utf8").catch((error: { code?: unknown }) => {
    if (error?.code === "ENOENT") return "";
    throw new SieveJournalError(`Cannot read the journal ${path}.`, { cause: error });
  });
  const lines = text.split("\n");
  const tail = lines.pop() ?? "";
  const entries = lines.flatMap((line, at) => (line.trim() === "" ? [] : [parse(line, at)]));
  const torn = tail.trim() === "" ? undefined : tryParse(tail);
  const handle = await fs.open(path, "a").catch((error: unknown) => {
    throw new SieveJournalError(`Cannot open the journal ${path} for writing.`, { cause: error });
  });
  if (tail !== "" && torn === undefined) await handle.truncate(byteLength(text) - byteLength(tail));
  else if (torn !== undefined) (entries.push(torn), await handle.appendFile("\n"));
  let queue: Promise<unknown> = Promise.resolve();
  return {
    // Checked entry by entry when the batch replays them.
    load: async () => entries as BatchJournalEntry[],
    append(entry: BatchJournalEntry) {
      const written = queue.then(() => handle.appendFile(`${JSON.stringify(entry)}\n`));
      queue = written.catch(() => undefined);
      return written;
    },
    async close() {
      await queue;
      await handle.close();
      await unlock();
    },
  };
}

function parse(line: string, at: number): unknown {
  const entry = tryParse(line);
  if (entry === undefined)
    throw new SieveJournalError(`Line ${at + 1} of the journal is not JSON: ${line.slice(0, 80)}`);
  return entry;
}

function tryParse(line: string): unknown {
  try {
    return JSON.parse(line) as unknown;
  } catch {
    return undefined;
  }
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}
