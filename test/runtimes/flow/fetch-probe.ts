/** Counts the calls to the global `fetch` between `probeGlobalFetch()` and `restore()`. */
export interface FetchProbe {
  /** Calls so far. */
  readonly calls: number;
  /** Puts the original `fetch` back. */
  restore(): void;
}

/**
 * Replaces the global `fetch` with a counting wrapper. A client created afterwards by the web
 * entry captures the wrapper, so its requests count; the Node entry's undici sender never calls
 * it. That tells the entries apart where nothing else does: they export the same names.
 */
export function probeGlobalFetch(): FetchProbe {
  const original = globalThis.fetch;
  let calls = 0;
  const counting = (...args: Parameters<typeof fetch>): Promise<Response> => {
    calls++;
    return Reflect.apply(original, globalThis, args) as Promise<Response>;
  };
  globalThis.fetch = counting as typeof fetch;
  return {
    get calls() {
      return calls;
    },
    restore() {
      globalThis.fetch = original;
    },
  };
}
