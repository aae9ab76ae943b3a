import { SieveInputError } from "../../../core/errors/sieve-input-error.js";
import { keysOf } from "../../../core/validation/keys-of.js";
import { checkKnownKeys, checkOptionalObject } from "../../../core/validation/query-params.js";
import { typeName } from "../../../core/validation/quote-value.js";
import {
  ABORT_SIGNAL,
  FUNCTION,
  checkInput,
  integerBetween,
} from "../../../core/validation/rules.js";
import type { BatchOptions } from "./batch-types.js";
import type { BatchJournal } from "./journal-types.js";

/** The most items a batch may run at once: each is a worker, with its requests and timers. */
export const MAX_CONCURRENCY = 10_000;

const BATCH_OPTION_NAMES = keysOf<BatchOptions>()([
  "concurrency",
  "signal",
  "onProgress",
  "journal",
]);

/** `runAll`'s arguments once checked: the batch's own options, and the others (each item's). */
export interface CheckedBatchArgs<R> {
  requests: Iterable<R> | AsyncIterable<R>;
  batch: BatchOptions;
  /** The options that are not the batch's, for the caller to check (each item's run options). */
  rest: Record<string, unknown>;
}

/**
 * Checks `runAll`'s arguments before anything is read or sent, naming the field at fault:
 * `requests` an iterable or async iterable (not a string); `options` an object of known keys
 * (the batch's and `itemKeys`); `concurrency` a positive integer; `signal` an AbortSignal;
 * `onProgress` a function; `journal` a non-empty path or an object with `load` and `append`.
 */
export function checkBatchArgs<R>(
  requests: unknown,
  options: object | undefined,
  itemKeys: readonly string[],
): CheckedBatchArgs<R> {
  if (!isIterable<R>(requests)) {
    throw new SieveInputError(
      "requests",
      `expected an iterable or async iterable of push requests, got ${typeName(requests)}`,
    );
  }
  const given = checkOptionalObject("options", options) as Record<string, unknown>;
  checkKnownKeys("options", given, [...BATCH_OPTION_NAMES, ...itemKeys]);
  const { concurrency, signal, onProgress, journal, ...rest } = given;
  const batch: BatchOptions = {
    concurrency: checkInput("options.concurrency", concurrency, integerBetween(1, MAX_CONCURRENCY)),
    signal: checkInput("options.signal", signal, ABORT_SIGNAL),
    onProgress: checkInput(
      "options.onProgress",
      onProgress,
      FUNCTION,
    ) as BatchOptions["onProgress"],
    journal: checkJournal(journal),
  };
  return { requests, batch, rest };
}

function isIterable<R>(value: unknown): value is Iterable<R> | AsyncIterable<R> {
  if (typeof value !== "object" || value === null) return false;
  const { [Symbol.iterator]: sync, [Symbol.asyncIterator]: async } = value as Record<
    symbol,
    unknown
  >;
  return typeof sync === "function" || typeof async === "function";
}

function checkJournal(journal: unknown): string | BatchJournal | undefined {
  if (journal === undefined) return undefined;
  if (typeof journal === "string") {
    if (journal.trim() !== "") return journal;
    throw new SieveInputError("options.journal", "expected a file path, got an empty string");
  }
  if (typeof journal !== "object" || journal === null) {
    throw new SieveInputError(
      "options.journal",
      `expected a file path or a { load, append } store, got ${typeName(journal)}`,
    );
  }
  for (const name of ["load", "append"] as const) {
    const method = (journal as Record<string, unknown>)[name];
    if (typeof method !== "function")
      throw new SieveInputError(
        `options.journal.${name}`,
        `expected a function, got ${typeName(method)}`,
      );
  }
  return journal as BatchJournal;
}
