/**
 * Waits `ms` milliseconds, or rejects with `signal.reason` the moment the signal aborts; either
 * way it leaves no timer and no listener behind.
 *
 * @example
 * await abortableSleep(500, controller.signal);
 */
export function abortableSleep(ms: number, signal?: AbortSignal | null): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
