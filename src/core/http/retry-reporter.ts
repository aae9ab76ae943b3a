import type { Logger, RetryInfo } from "../config/client-options.js";

/** Tells the caller's observers about retries and requests; never throws. */
export interface RetryReporter {
  /** Calls `logger.warn` with one line, then `onRetry(info)`. */
  retry(info: RetryInfo): void;
  /** Calls `logger.debug(message)`. */
  debug(message: string): void;
  /** True when there is a `logger.debug` to call: the message need not be built otherwise. */
  debugs(): boolean;
}

/**
 * Wraps the caller's `logger` and `onRetry`, which are observers: whatever they throw, and any
 * promise they return that rejects, is swallowed, so that a broken observer never changes how a
 * call ends. Used by the transport for each retry of one request, and by the job loops (through
 * `ctx.reportRetry`) for each transient failure of a poll.
 */
export function createRetryReporter(observers: {
  logger?: Logger | undefined;
  onRetry?: ((info: RetryInfo) => unknown) | undefined;
}): RetryReporter {
  const { logger, onRetry } = observers;
  return {
    retry(info) {
      const why = info.status ?? info.error?.message;
      observe(() =>
        logger?.warn?.(
          `sieve-client: retrying ${info.method} ${info.url} in ${info.delayMs} ms (retry ${info.attempt}): ${why}`,
        ),
      );
      observe(() => onRetry?.(info));
    },
    debug(message) {
      observe(() => logger?.debug?.(message));
    },
    debugs() {
      try {
        return typeof logger?.debug === "function";
      } catch {
        return false;
      }
    },
  };
}

/** Runs one observer, dropping what it throws and what its returned promise rejects with. */
function observe(call: () => unknown): void {
  try {
    const result = call();
    if (typeof (result as PromiseLike<unknown> | undefined)?.then === "function") {
      Promise.resolve(result).catch(() => undefined);
    }
  } catch {
    // An observer's failure is not the call's.
  }
}
