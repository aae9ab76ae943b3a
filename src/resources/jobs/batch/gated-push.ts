import type { PushRequest, PushResponse } from "../../../../generated/sieve.js";
import type { RetryInfo } from "../../../core/config/client-options.js";
import { SieveApiError } from "../../../core/errors/sieve-api-error.js";
import { SieveConnectionError } from "../../../core/errors/sieve-connection-error.js";
import { SieveInputError } from "../../../core/errors/sieve-input-error.js";
import { SieveRateLimitError } from "../../../core/errors/sieve-rate-limit-error.js";
import { retryDelayAfterError, type RetryPolicy } from "../../../core/http/retry-decision.js";
import { requestNeverLeft } from "../../../core/http/retry-policy.js";
import { abortableSleep } from "../../../core/utils/abortable-sleep.js";
import { SieveAmbiguousPushError, SieveJournalError } from "./batch-errors.js";
import type { OpenJournal } from "./journal-store.js";
import type { RateGate } from "./rate-gate.js";

/**
 * A push as `runJob` takes it: `signal` aborts the request; once `stopRetrying` aborts, no
 * further attempt is sent.
 */
export type PushStep = (signal: AbortSignal, stopRetrying: AbortSignal) => Promise<PushResponse>;

/** What the batch's pushes share. */
export interface PushContext {
  /** One attempt of `POST /push`, never retried by the transport. */
  pushOnce(body: PushRequest, signal: AbortSignal): Promise<PushResponse>;
  reportRetry(info: RetryInfo): void;
  retryPolicy: RetryPolicy;
  gate: RateGate;
  journal: OpenJournal;
}

/** The most attempts of one item's push that are refused (429) or never leave. */
export const MAX_PUSH_ATTEMPTS = 10;

/** What the retry rule sees of a push: never idempotent, so only 429s and unsent attempts. */
const PUSH_TARGET = { method: "POST", url: "/push" };

/**
 * The push of one batch item, each attempt journalled before it is sent. An attempt refused
 * with 429 (or one that surely never left) is sent again, after the server's `Retry-After` or
 * the backoff, as the transport would; a 429 also pauses every push of the batch for that long
 * (`gate`), and each retry is reported through `onRetry`/`logger` as the transport's are. Any
 * other failure ends the push: a 4xx created nothing; anything else may have created a job, and
 * is thrown as `SieveAmbiguousPushError`, never sent again.
 */
export function gatedPush(
  ctx: PushContext,
  index: number,
  key: string,
  body: PushRequest,
): PushStep {
  return async (signal, stopRetrying) => {
    for (let retry = 0; ; retry++) {
      await ctx.journal.append({ type: "pushing", index, key });
      let failure: unknown;
      try {
        const answer = await ctx.pushOnce(body, signal);
        // Not recorded (the store failed): a rerun finds the push unanswered, and never resends it.
        await ctx.journal.note({ type: "pushed", index, jobId: answer.id });
        return answer;
      } catch (error) {
        failure = error;
      }
      if (!pushCreatedNothing(failure)) {
        await ctx.journal.note({ type: "ambiguous", index });
        throw new SieveAmbiguousPushError(index, failure);
      }
      await ctx.journal.note({ type: "refused", index });
      const delayMs = retryDelayAfterError(PUSH_TARGET, failure, retry, ctx.retryPolicy);
      if (delayMs === undefined || retry + 1 >= MAX_PUSH_ATTEMPTS || stopRetrying.aborted)
        throw failure;
      if (failure instanceof SieveRateLimitError) ctx.gate.pauseFor(delayMs);
      ctx.reportRetry(retryInfo(failure, retry, delayMs));
      await abortableSleep(delayMs, undefined, stopRetrying);
      await ctx.gate.wait(stopRetrying);
      if (stopRetrying.aborted) throw failure;
    }
  };
}

/**
 * True when a failed push surely created no job: Sieve answered it with a 4xx (429 included),
 * it never left (refused, DNS), or it was never sent (bad input, a journal that failed first).
 */
export function pushCreatedNothing(error: unknown): boolean {
  if (error instanceof SieveApiError) return error.status >= 400 && error.status < 500;
  if (error instanceof SieveConnectionError) return requestNeverLeft(error.cause);
  return error instanceof SieveInputError || error instanceof SieveJournalError;
}

function retryInfo(failure: unknown, retry: number, delayMs: number): RetryInfo {
  const info = { attempt: retry + 1, delayMs, method: "POST" };
  if (failure instanceof SieveApiError)
    return { ...info, url: failure.url, status: failure.status };
  const error = failure as SieveConnectionError;
  return { ...info, url: error.url, error };
}
