/**
 * Waits `ms` milliseconds, or rejects with `signal.reason` the moment the signal aborts; resolves
 * early the moment `endEarly` aborts (a retry sleep that has become pointless). Either way it
 * leaves no timer and no listener behind.
 */
export function abortableSleep(
  ms: number,
  signal?: AbortSignal | null,
  endEarly?: AbortSignal,
): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (endEarly?.aborted) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const settle = (end: () => void) => () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", onAbort);
      endEarly?.removeEventListener("abort", onEnd);
      end();
    };
    const onAbort = settle(() => reject(signal?.reason));
    const onEnd = settle(resolve);
    const timer = setTimeout(settle(resolve), ms);
    signal?.addEventListener("abort", onAbort, { once: true });
    endEarly?.addEventListener("abort", onEnd, { once: true });
  });
}
