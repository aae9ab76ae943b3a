import type { BatchProgress, ConcurrencySource } from "./batch-types.js";
import type { SieveError } from "../../../core/errors/sieve-error.js";

/** How many items run at once, and where that number came from. */
export interface ConcurrencyLimit {
  concurrency: number;
  concurrencySource: ConcurrencySource;
  concurrencyError?: SieveError;
}

/** How an item was reported, for the counts. */
export type Settled = "finished" | "failed" | "cancelled";

/** The batch's counts, told to `onProgress` on every change. */
export interface ProgressTracker {
  /** An item was read from `requests`. */
  taken(): void;
  /** An item started: its push (or its wait, when resumed) is under way. */
  started(): void;
  /** An item was reported; `started` says whether it had started. */
  settled(how: Settled, started: boolean): void;
}

/**
 * Counts the batch's items and tells `onProgress` after each change (and once at the start).
 * `onProgress` is an observer: what it throws, or a promise it returns that rejects, is ignored.
 */
export function createProgress(
  limit: ConcurrencyLimit,
  onProgress: ((progress: BatchProgress) => void) | undefined,
): ProgressTracker {
  const counts = { queued: 0, running: 0, finished: 0, failed: 0, cancelled: 0 };
  const tell = () => {
    if (!onProgress) return;
    try {
      const result: unknown = onProgress({ ...counts, ...limit });
      if (result instanceof Promise) result.catch(() => undefined);
    } catch {
      // An observer's failure changes nothing.
    }
  };
  tell();
  return {
    taken() {
      counts.queued++;
      tell();
    },
    started() {
      counts.queued--;
      counts.running++;
      tell();
    },
    settled(how, started) {
      if (started) counts.running--;
      else counts.queued--;
      counts[how]++;
      tell();
    },
  };
}
