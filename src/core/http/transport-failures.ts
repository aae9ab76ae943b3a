import { SieveConnectionError } from "../errors/sieve-connection-error.js";
import type { SieveError } from "../errors/sieve-error.js";
import { SieveInternalError } from "../errors/sieve-internal-error.js";
import { SieveTimeoutError } from "../errors/sieve-timeout-error.js";
import type { Redactor } from "../utils/redactor.js";
import type { HttpRequest } from "./http-types.js";
import { BrokenFetch } from "./network-failure.js";
import { isIdempotent, requestNeverLeft } from "./retry-policy.js";

/** Added to every failure of a request that is not idempotent (a push) and may have arrived. */
export const NOT_SENT_TWICE =
  "The request may have reached Sieve: the job may or may not have been created. " +
  "Check sieve.jobs.list() before pushing again.";

/** Added to a push's failure that surely never left: nothing was created, it may be sent again. */
export const NEVER_SENT = "It never reached Sieve: no job was created.";

/**
 * What a failure message adds for a request that is not idempotent (a push): `NEVER_SENT` when
 * `error` proves it never left, else `NOT_SENT_TWICE` (a redirect loop or a hidden redirect
 * were answered, so give no `error`). Empty for a read, a cancel or an edit.
 */
export function pushFailureNote(target: { method: string; url: string }, error?: unknown): string {
  if (isIdempotent(target)) return "";
  return ` ${error !== undefined && requestNeverLeft(error) ? NEVER_SENT : NOT_SENT_TWICE}`;
}

/** Marks an attempt that ran out of time, as the abort reason of its own controller. */
export class AttemptTimeout extends Error {
  override name = "AttemptTimeout";
}

/**
 * A failure that is neither the network's nor the server's: a bug in the client, in the `fetch`
 * the caller passed (`BrokenFetch`), or a runtime it does not support. Final, never retried,
 * and no loop polls through it.
 */
export function internalFailure(
  error: unknown,
  target: HttpRequest,
  redactor: Redactor,
): SieveError {
  const { method, url } = target;
  if (error instanceof BrokenFetch) {
    const message =
      `${method} ${url} failed: ${redactor.text(error.message)}. ` +
      "This is a bug in that fetch, not a network failure; it is not retried.";
    return new SieveInternalError(message, target, { cause: error.cause ?? error });
  }
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const message =
    `${method} ${url} failed inside sieve-client, not on the network (${redactor.text(what)}). ` +
    "This is a bug in sieve-client or a runtime it does not support; it is not retried.";
  return new SieveInternalError(message, target, { cause: error });
}

/**
 * The typed error of a failed attempt: `SieveTimeoutError` for an `AttemptTimeout`, else a
 * `SieveConnectionError` with the most specific reason. A push's says whether it may have
 * arrived (`NOT_SENT_TWICE`) or surely never left (refused, DNS: `NEVER_SENT`), as the retry
 * decision judged it.
 */
export function describeFailure(
  error: unknown,
  target: { method: string; url: string; timeoutMs: number },
  redactor: Redactor,
): SieveConnectionError {
  const note = pushFailureNote(target, error);
  if (error instanceof AttemptTimeout) {
    const message = `${target.method} ${target.url} timed out after ${target.timeoutMs} ms.${note}`;
    return new SieveTimeoutError(message, target, { cause: error });
  }
  const reason = redactor.text(connectionReason(error));
  const message = `${target.method} ${target.url} failed: ${reason}.${note}`;
  return new SieveConnectionError(message, target, { cause: error });
}

/** The most specific text in a failure: fetch hides the reason in `cause`. */
function connectionReason(error: unknown): string {
  let current: unknown = error;
  let text = "connection failed";
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    text = typeof code === "string" ? `${code} (${current.message})` : current.message || text;
    current = current.cause;
  }
  if (!(error instanceof Error)) text = `${text}: ${String(error)}`;
  return text;
}
