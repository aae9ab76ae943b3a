import { SieveApiError } from "../errors/sieve-api-error.js";
import { SieveConnectionError } from "../errors/sieve-connection-error.js";
import { backoffDelay } from "./backoff.js";
import {
  isFinal,
  shouldRetryFailure,
  shouldRetryStatus,
  type RetryTarget,
} from "./retry-policy.js";

/** What the retry decision needs from the client's configuration. */
export interface RetryPolicy {
  /** The longest `Retry-After` honoured; a server asking for more is not retried. */
  maxRetryDelayMs: number;
  /** Jitter source, for tests. */
  random?: () => number;
}

/** How an attempt ended: a response with its status, or a failure with no response. */
export type AttemptOutcome =
  { status: number; retryAfterMs: number | undefined } | { failure: unknown };

/**
 * The one retry decision of the client: after `outcome`, should `target` be sent again, and
 * after how long? Returns the delay in milliseconds, or undefined for never. The transport asks
 * it after each attempt, and the job poll loop after each failed poll (through
 * `retryDelayAfterError`), so "transient" means the same everywhere: the statuses and failures
 * `retry-policy.ts` names, with the server's `Retry-After` (up to `maxRetryDelayMs`) or the
 * exponential backoff for the `retry`-th retry (0-based).
 */
export function retryDelay(
  target: RetryTarget,
  outcome: AttemptOutcome,
  retry: number,
  policy: RetryPolicy,
): number | undefined {
  if ("failure" in outcome) {
    if (isFinal(outcome.failure) || !shouldRetryFailure(target, outcome.failure)) return undefined;
    return backoffDelay(retry, policy.random);
  }
  if (!shouldRetryStatus(target, outcome.status)) return undefined;
  const asked = outcome.retryAfterMs;
  if (asked !== undefined) return asked > policy.maxRetryDelayMs ? undefined : asked;
  return backoffDelay(retry, policy.random);
}

/**
 * `retryDelay` for an error a call already threw, as the poll loop sees it: a `SieveApiError`
 * by its status and `retryAfterMs`, a `SieveConnectionError` by its cause. Anything else (a
 * `SieveInternalError`, a `SieveInputError`, a failure marked final) is never retried.
 */
export function retryDelayAfterError(
  target: RetryTarget,
  error: unknown,
  retry: number,
  policy: RetryPolicy,
): number | undefined {
  if (isFinal(error)) return undefined;
  if (error instanceof SieveApiError) {
    const { status, retryAfterMs } = error;
    return retryDelay(target, { status, retryAfterMs }, retry, policy);
  }
  if (error instanceof SieveConnectionError)
    return retryDelay(target, { failure: error.cause }, retry, policy);
  return undefined;
}
