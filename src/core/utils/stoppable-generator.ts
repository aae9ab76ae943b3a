/** The reason a stopped generator's inner work is aborted with: never seen by the caller. */
class Stopped extends Error {
  override name = "Stopped";
}

/**
 * Wraps an async generator so that `return()` (a `break` out of `for await`) ends it at once,
 * even while a `next()` is pending: a plain generator queues `return()` behind that `next()`,
 * which may be a poll or a sleep of seconds. The inner generator gets a signal that aborts on
 * `return()` and when `parent` aborts; a pending `next()` resolves as done on `return()` at once.
 */
export function stoppableGenerator<T>(
  start: (signal: AbortSignal) => AsyncGenerator<T, void, undefined>,
  parent: AbortSignal | undefined,
): AsyncGenerator<T, void, undefined> {
  const controller = new AbortController();
  const onParentAbort = () => controller.abort(parent?.reason);
  if (parent?.aborted) onParentAbort();
  else parent?.addEventListener("abort", onParentAbort, { once: true });
  const detach = () => parent?.removeEventListener("abort", onParentAbort);
  const inner = start(controller.signal);
  let stopped = false;
  /** Resolves the `next()` in flight as done: set while one is pending. */
  let endPending: (() => void) | undefined;
  const done = (): IteratorReturnResult<void> => ({ done: true, value: undefined });

  const stop = () => {
    if (stopped) return;
    stopped = true;
    detach();
    endPending?.();
    controller.abort(new Stopped());
    inner.return(undefined).catch(() => undefined);
  };

  const generator: AsyncGenerator<T, void, undefined> = {
    next() {
      if (stopped) return Promise.resolve(done());
      return new Promise<IteratorResult<T, void>>((resolve, reject) => {
        endPending = () => resolve(done());
        inner.next().then(
          (result) => {
            endPending = undefined;
            if (result.done) detach();
            resolve(stopped ? done() : result);
          },
          (error: unknown) => {
            endPending = undefined;
            detach();
            if (stopped) return resolve(done());
            stopped = true;
            reject(error);
          },
        );
      });
    },
    async return() {
      stop();
      return done();
    },
    async throw(error: unknown) {
      stop();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return generator;
    },
  };
  return generator;
}
