import { abortableSleep } from "../../../core/utils/abortable-sleep.js";

/**
 * The pause a batch's pushes share: a 429 seen by one push holds every push of the batch
 * until the time the server asked for, so that the batch slows down as a whole instead of
 * each push running into the limit on its own.
 */
export interface RateGate {
  /** Holds every push for `ms` from now (a longer pause already set stays). */
  pauseFor(ms: number): void;
  /** Resolves when no pause is set, or at once when `stop` aborts (it never rejects). */
  wait(stop: AbortSignal): Promise<void>;
}

/**
 * Creates the gate of one batch.
 */
export function createRateGate(): RateGate {
  let pausedUntil = 0;
  return {
    pauseFor(ms) {
      pausedUntil = Math.max(pausedUntil, Date.now() + ms);
    },
    async wait(stop) {
      // A pause may be extended while we sleep: look again when the sleep ends.
      for (let left = pausedUntil - Date.now(); left > 0 && !stop.aborted;) {
        await abortableSleep(left, undefined, stop);
        left = pausedUntil - Date.now();
      }
    },
  };
}
