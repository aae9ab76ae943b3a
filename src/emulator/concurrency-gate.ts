import { SieveConfigError } from "../index.js";
/**
 * The organization's concurrency slots. A job asks for a slot when pushed: it gets one at once
 * while fewer than `max` jobs hold one, else it waits (Sieve's `num_limited`) until a holder
 * leaves; waiting jobs get slots in the order they asked.
 */
export class ConcurrencyGate {
  readonly max: number;
  readonly #holders = new Set<string>();
  /** Waiting jobs and what to run when each gets its slot; a Map keeps the asking order. */
  readonly #waiting = new Map<string, () => void>();

  constructor(max: number) {
    if (!Number.isSafeInteger(max) || max < 1) {
      throw new SieveConfigError(
        `startEmulator: maxConcurrency must be a positive integer, got ${max}`,
      );
    }
    this.max = max;
  }

  /** Jobs holding a slot. */
  get holding(): number {
    return this.#holders.size;
  }

  /** Jobs waiting for a slot. */
  get waiting(): number {
    return this.#waiting.size;
  }

  /**
   * Gives `id` a slot and runs `admitted` now if one is free, else when one frees.
   */
  request(id: string, admitted: () => void): void {
    if (this.#holders.size < this.max) {
      this.#holders.add(id);
      admitted();
    } else {
      this.#waiting.set(id, admitted);
    }
  }

  /**
   * Whether `id` is waiting for a slot.
   */
  isWaiting(id: string): boolean {
    return this.#waiting.has(id);
  }

  /**
   * Takes `id` out: frees its slot for the first waiting job, or drops it from the wait.
   */
  release(id: string): void {
    if (this.#waiting.delete(id) || !this.#holders.delete(id)) return;
    const next = this.#waiting.entries().next();
    if (next.done) return;
    const [nextId, admitted] = next.value;
    this.#waiting.delete(nextId);
    this.#holders.add(nextId);
    admitted();
  }

  /**
   * Forgets every holder and waiting job (the emulator is closing).
   */
  clear(): void {
    this.#holders.clear();
    this.#waiting.clear();
  }
}
