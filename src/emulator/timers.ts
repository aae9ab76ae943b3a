/**
 * The emulator's timers, tracked so that `close()` can clear every one at once.
 */
export class TimerSet {
  readonly #pending = new Set<NodeJS.Timeout>();

  /**
   * Runs `fn` after `ms`; returns a function that cancels it.
   */
  after(ms: number, fn: () => void): () => void {
    const timer = setTimeout(() => {
      this.#pending.delete(timer);
      fn();
    }, ms);
    this.#pending.add(timer);
    return () => {
      clearTimeout(timer);
      this.#pending.delete(timer);
    };
  }

  /**
   * Resolves after `ms`; never resolves if `clearAll` runs first (the emulator is closing).
   */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => this.after(ms, resolve));
  }

  /**
   * Clears every pending timer.
   */
  clearAll(): void {
    for (const timer of this.#pending) clearTimeout(timer);
    this.#pending.clear();
  }
}
