import type { PushRequest } from "../../../../generated/sieve.js";
import { isPlainObject } from "../../../core/validation/json-value.js";
import { SieveJournalError } from "./batch-errors.js";
import type { BatchJournalEntry } from "./journal-types.js";

/** What a journal says of one item, after replaying its entries in order. */
export interface ItemRecord {
  /** The fingerprint of the request it pushed (see `requestKey`). */
  key: string | undefined;
  /** The job its push created, once recorded. */
  jobId: string | undefined;
  /** The last step recorded. */
  last: BatchJournalEntry["type"];
}

/** What a rerun does with an item, from its record. */
export type Resumption = { kind: "push" } | { kind: "wait"; jobId: string } | { kind: "ambiguous" };

/**
 * Replays a journal's entries into one record per item index, checking that each is an entry:
 * a journal that holds anything else is not one the batch wrote, and is refused
 * (`SieveJournalError`) before anything is sent.
 */
export function replayJournal(entries: readonly unknown[]): Map<number, ItemRecord> {
  const records = new Map<number, ItemRecord>();
  entries.forEach((entry, at) => {
    const valid = checkEntry(entry, at);
    const record = records.get(valid.index) ?? {
      key: undefined,
      jobId: undefined,
      last: "refused",
    };
    if (valid.type === "pushing") record.key = valid.key;
    if (valid.type === "pushed" || valid.type === "ended") record.jobId = valid.jobId;
    record.last = valid.type;
    records.set(valid.index, record);
  });
  return records;
}

/**
 * What to do with an item: an item whose job is known is waited on (never pushed again); one
 * whose last push was started and never answered, or answered ambiguously, is ambiguous; any
 * other (no record, or only refused pushes) is pushed.
 */
export function resumptionOf(record: ItemRecord | undefined): Resumption {
  if (record?.jobId !== undefined) return { kind: "wait", jobId: record.jobId };
  if (record?.last === "pushing" || record?.last === "ambiguous") return { kind: "ambiguous" };
  return { kind: "push" };
}

/**
 * A short fingerprint of a push request, to tell a rerun's request from the one a journal
 * recorded: FNV-1a (32 bits) of its JSON and the JSON's length. `env` is left out, so that no
 * secret, nor anything derived from one, is written.
 */
export function requestKey(body: PushRequest): string {
  const text = JSON.stringify({ ...body, env: undefined });
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${hash.toString(16).padStart(8, "0")}-${text.length}`;
}

const FIELDS: Record<BatchJournalEntry["type"], readonly string[]> = {
  pushing: ["key"],
  pushed: ["jobId"],
  refused: [],
  ambiguous: [],
  ended: ["jobId", "status"],
};

function checkEntry(entry: unknown, at: number): BatchJournalEntry {
  if (isPlainObject(entry) && typeof entry.type === "string" && Object.hasOwn(FIELDS, entry.type)) {
    const needs = FIELDS[entry.type as BatchJournalEntry["type"]];
    const { index } = entry;
    const isIndex = typeof index === "number" && Number.isSafeInteger(index) && index >= 0;
    if (isIndex && needs.every((name) => typeof entry[name] === "string" && entry[name] !== ""))
      return entry as BatchJournalEntry;
  }
  const shown = JSON.stringify(entry)?.slice(0, 80) ?? String(entry);
  throw new SieveJournalError(`The journal's entry ${at + 1} is not a batch entry: ${shown}.`);
}
