import type { Concurrency } from "../../../../generated/sieve.js";
import { SieveError } from "../../../core/errors/sieve-error.js";
import { MAX_CONCURRENCY } from "./batch-options.js";
import type { ConcurrencyLimit } from "./batch-progress.js";

/** The concurrency of a batch whose organization's limit cannot be read, and no option given. */
export const FALLBACK_CONCURRENCY = 10;
/**
 * The most items a batch runs at once by default, whatever the organization's limit: past it,
 * the client's connections (128 per origin on Node) and long-polls (`maxLongPolls`) are the
 * bottleneck. An explicit `concurrency` may go higher, up to the organization's limit.
 */
export const MAX_DEFAULT_CONCURRENCY = 100;

/**
 * Decides how many items run at once: the organization's `max_concurrency`, read once
 * (`GET /user/concurrency`), bounds both the default (at most `MAX_DEFAULT_CONCURRENCY`) and
 * the caller's value. When it cannot be read (or is not a positive integer), the caller's
 * value, or `FALLBACK_CONCURRENCY`, with the reason. Rejects only when `signal` aborts.
 */
export async function resolveConcurrency(
  given: number | undefined,
  read: (signal: AbortSignal) => Promise<Concurrency>,
  signal: AbortSignal,
): Promise<ConcurrencyLimit> {
  let max: unknown;
  try {
    max = (await read(signal)).max_concurrency;
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    return fallback(given, error instanceof SieveError ? error : new SieveError(String(error)));
  }
  if (typeof max !== "number" || !Number.isSafeInteger(max) || max < 1) {
    const shown = JSON.stringify(max) ?? String(max);
    return fallback(given, new SieveError(`max_concurrency is ${shown}, not a positive integer.`));
  }
  const limit = Math.min(max, MAX_CONCURRENCY);
  if (given === undefined)
    return { concurrency: Math.min(limit, MAX_DEFAULT_CONCURRENCY), concurrencySource: "account" };
  if (given > limit) return { concurrency: limit, concurrencySource: "account" };
  return { concurrency: given, concurrencySource: "options" };
}

function fallback(given: number | undefined, why: SieveError): ConcurrencyLimit {
  return {
    concurrency: given ?? FALLBACK_CONCURRENCY,
    concurrencySource: "fallback",
    concurrencyError: why,
  };
}
