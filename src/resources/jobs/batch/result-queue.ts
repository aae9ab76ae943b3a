/** The results workers have reported and the consumer has not taken yet. */
export interface ResultQueue<T> {
  put(result: T): void;
  /** The oldest result, waiting for one; undefined once closed and empty. */
  take(): Promise<T | undefined>;
  /** No more results will come. */
  close(): void;
  /**
   * Resolves once fewer than `limit` results wait (or `stop` aborts): a worker takes no new item
   * while the consumer lags this far behind, so that memory stays bounded.
   */
  room(stop: AbortSignal): Promise<void>;
}

/**
 * Creates a queue of results between the batch's workers and its consumer.
 */
export function createResultQueue<T>(limit: number): ResultQueue<T> {
  const results: T[] = [];
  let closed = false;
  let wakeConsumer: (() => void) | undefined;
  const wakeWorkers = new Set<() => void>();
  const sleep = (set: (wake: () => void) => void) => new Promise<void>((resolve) => set(resolve));
  return {
    put(result) {
      results.push(result);
      wakeConsumer?.();
    },
    async take() {
      while (results.length === 0 && !closed) await sleep((wake) => (wakeConsumer = wake));
      wakeConsumer = undefined;
      const result = results.shift();
      for (const wake of wakeWorkers) wake();
      return result;
    },
    close() {
      closed = true;
      wakeConsumer?.();
    },
    async room(stop) {
      while (results.length >= limit && !stop.aborted) {
        await sleep((wake) => {
          const done = () => {
            wakeWorkers.delete(done);
            stop.removeEventListener("abort", done);
            wake();
          };
          wakeWorkers.add(done);
          stop.addEventListener("abort", done, { once: true });
        });
      }
    },
  };
}
