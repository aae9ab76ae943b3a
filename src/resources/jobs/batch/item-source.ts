/** One request read from the batch's `requests`, with its position. */
export interface BatchItem<R> {
  index: number;
  request: R;
}

/** The batch's `requests`, read one item at a time by many workers. */
export interface ItemSource<R> {
  /**
   * The next item, or undefined when there is none: `requests` ended or failed (see `failure`),
   * or `stop` aborted first (an item read after that is dropped, never pushed).
   */
  take(stop: AbortSignal): Promise<BatchItem<R> | undefined>;
  /** What reading `requests` threw, if it did. */
  readonly failure: { error: unknown } | undefined;
  /** Tells `requests` that no more items are wanted (its `return()`), once. */
  close(): void;
}

/**
 * Reads a sync or async iterable lazily, one `next()` at a time however many workers ask
 * (an async iterator need not support overlapping calls), numbering the items in order.
 */
export function createItemSource<R>(requests: Iterable<R> | AsyncIterable<R>): ItemSource<R> {
  const iterator: Iterator<R> | AsyncIterator<R> =
    Symbol.asyncIterator in requests
      ? requests[Symbol.asyncIterator]()
      : (requests as Iterable<R>)[Symbol.iterator]();
  let index = 0;
  let done = false;
  let failure: { error: unknown } | undefined;
  let reading: Promise<unknown> = Promise.resolve();
  const read = async (): Promise<BatchItem<R> | undefined> => {
    if (done) return undefined;
    try {
      const next = await iterator.next();
      if (!next.done) return { index: index++, request: next.value };
    } catch (error) {
      failure = { error };
    }
    done = true;
    return undefined;
  };
  return {
    take(stop) {
      if (stop.aborted) return Promise.resolve(undefined);
      const item = reading.then(read);
      reading = item.catch(() => undefined);
      return new Promise((resolve) => {
        const onStop = () => resolve(undefined);
        stop.addEventListener("abort", onStop, { once: true });
        void item.then((value) => {
          stop.removeEventListener("abort", onStop);
          resolve(stop.aborted ? undefined : value);
        });
      });
    },
    get failure() {
      return failure;
    },
    close() {
      if (done) return;
      done = true;
      Promise.resolve()
        .then(() => iterator.return?.())
        .catch(() => undefined);
    },
  };
}
