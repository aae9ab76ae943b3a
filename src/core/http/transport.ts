import { SieveConnectionError } from "../errors/sieve-connection-error.js";
import type { Logger, RetryInfo } from "../config/client-options.js";
import { abortableSleep } from "../utils/abortable-sleep.js";
import { untilAborted } from "../utils/until-aborted.js";
import { createRedactor } from "../utils/redactor.js";
import { AttemptAbort } from "./attempt-abort.js";
import type { HttpRequest, HttpResponse, Sender } from "./http-types.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "../config/limits.js";
import { NetworkFailure } from "./network-failure.js";
import { nextRedirect } from "./redirects.js";
import { ResponseFailure, toApiError } from "./response-failure.js";
import { parseRetryAfter } from "./retry-after.js";
import { createRetryReporter } from "./retry-reporter.js";
import { retryDelay } from "./retry-decision.js";
import { isIdempotent, markFinal } from "./retry-policy.js";
import {
  AttemptTimeout,
  describeFailure,
  internalFailure,
  NOT_SENT_TWICE,
  pushFailureNote,
} from "./transport-failures.js";

export { NOT_SENT_TWICE } from "./transport-failures.js";

/** Per-call settings that override or add to the client's. */
export interface AttemptLimits {
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  /** Values besides the API key to mask in any error of this call (a push's `env` values). */
  secrets?: readonly string[] | undefined;
  /**
   * Once aborted, no further attempt starts and a retry sleep in progress ends at once: the
   * transport returns the last response or throws the last failure, as when retries run out.
   * The attempt in flight goes on (abort it with the call's own signal). The first attempt is
   * always sent.
   */
  stopRetrying?: AbortSignal | undefined;
}

/** What the transport needs from the client's configuration. */
export interface TransportConfig {
  send: Sender;
  maxRetries: number;
  maxRetryDelayMs: number;
  timeoutMs: number;
  /** The most decoded bytes of one response body (default 32 MiB). */
  maxResponseBytes?: number | undefined;
  /** Masked in every error the transport raises. */
  apiKey?: string | undefined;
  onRetry?: ((info: RetryInfo) => void) | undefined;
  logger?: Logger | undefined;
  random?: () => number;
}

/** Sends one request with retries, per-attempt timeouts and safe redirects. */
export type Transport = (
  request: HttpRequest,
  signal?: AbortSignal | undefined,
  limits?: AttemptLimits,
) => Promise<HttpResponse>;

const MAX_REDIRECTS = 5;

/** How far one attempt got, for the decision to send the request again. */
interface AttemptState {
  /** True once the first send answered: what follows (a redirect hop) cannot un-send it. */
  answered: boolean;
  /** True once a redirect was followed. */
  hopped: boolean;
}

/**
 * Builds the client's transport on a sender. Each attempt gets one timer and one `AttemptAbort`,
 * and covers the whole exchange, body included, so a stalled or dropped body counts as a failed
 * attempt rather than a hang (the fetch sender holds a `fetch` that ignores `init.signal` to the
 * same abort). Which outcomes
 * are retried, and after how long, is decided in one place, `retry-decision.ts`, which the job
 * poll loop uses too; redirects by `redirects.ts`. Every
 * failure is a `SieveError` with the method, the URL and a cause, secrets masked; `logger` and
 * `onRetry` are observers whose failures are ignored (`retry-reporter.ts`). A body the sender
 * cannot use (past `maxResponseBytes`, undecodable) is final. A non-idempotent request (POST)
 * that was answered with a redirect is never sent again, whatever the hop brought. Once
 * `limits.stopRetrying` aborts, the call ends as if its retries had run out.
 */
export function createTransport(config: TransportConfig): Transport {
  const { send } = config;
  const policy = { maxRetryDelayMs: config.maxRetryDelayMs, random: config.random ?? Math.random };
  const maxResponseBytes = config.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const sendOptions = { maxResponseBytes };
  const report = createRetryReporter(config);
  const keyRedactor = createRedactor([config.apiKey]);

  async function attempt(
    request: HttpRequest,
    caller: AbortSignal | undefined,
    timeoutMs: number,
    state: AttemptState,
  ) {
    // A sender that loads its library on first use (undici) does so before the timer starts:
    // the load is no part of the server's time to answer. An abort still ends the wait at once.
    const loading = send.ready?.();
    if (loading) await untilAborted(loading, caller);
    const abort = new AttemptAbort();
    const timer = setTimeout(
      () => abort.abort(new AttemptTimeout(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onAbort = caller && (() => abort.abort(caller.reason));
    if (onAbort) caller.addEventListener("abort", onAbort, { once: true });
    try {
      let current = request;
      let response = await send(current, abort, sendOptions);
      state.answered = true;
      const hops: string[] = [];
      for (;;) {
        const next = nextRedirect(current, response);
        if (!next) return response;
        hops.push(`${response.status} to ${next.url}`);
        if (hops.length > MAX_REDIRECTS) {
          // A loop never heals: a SieveConnectionError thrown here is final, not retried.
          const { method, url } = request;
          const note = pushFailureNote(request);
          throw markFinal(
            new SieveConnectionError(
              `${method} ${url} failed: more than ${MAX_REDIRECTS} redirects.${note}`,
              { method, url },
              { cause: new Error(`redirects: ${hops.join(", ")}`) },
            ),
          );
        }
        current = next;
        state.hopped = true;
        response = await send(current, abort, sendOptions);
      }
    } catch (error) {
      if (caller?.aborted) throw caller.reason;
      if (abort.aborted) throw abort.reason;
      throw error;
    } finally {
      clearTimeout(timer);
      if (onAbort) caller.removeEventListener("abort", onAbort);
    }
  }

  return async function transport(request, signal, limits) {
    const { method, url } = request;
    const maxRetries = limits?.maxRetries ?? config.maxRetries;
    const timeoutMs = limits?.timeoutMs ?? config.timeoutMs;
    const redactor = limits?.secrets?.length
      ? createRedactor([config.apiKey, ...limits.secrets])
      : keyRedactor;
    const note = isIdempotent(request) ? undefined : NOT_SENT_TWICE;
    const stop = limits?.stopRetrying;
    for (let retry = 0; ; retry++) {
      signal?.throwIfAborted();
      const state: AttemptState = { answered: false, hopped: false };
      const started = Date.now();
      if (report.debugs()) report.debug(`sieve-client: ${method} ${url}`);
      let response: HttpResponse;
      try {
        response = await attempt(request, signal, timeoutMs, state);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (error instanceof SieveConnectionError) throw error;
        if (error instanceof ResponseFailure)
          throw markFinal(toApiError(error, request, { redactor, maxResponseBytes, note }));
        if (!(error instanceof NetworkFailure) && !(error instanceof AttemptTimeout))
          throw internalFailure(error, request, redactor);
        const failed = error instanceof NetworkFailure ? error.cause : error;
        const failure = describeFailure(failed, { method, url, timeoutMs }, redactor);
        // A POST that was answered (then redirected) reached the server: never send it again.
        const delayMs =
          state.answered && note
            ? undefined
            : retryDelay(request, { failure: failed }, retry, policy);
        if (retry >= maxRetries || delayMs === undefined || stop?.aborted) throw failure;
        await pause({ attempt: retry + 1, delayMs, method, url, error: failure });
        if (stop?.aborted) throw failure;
        continue;
      }
      if (report.debugs()) {
        const ms = Date.now() - started;
        report.debug(`sieve-client: ${method} ${url} -> ${response.status} in ${ms} ms`);
      }
      const { status } = response;
      if (status < 400 || retry >= maxRetries || stop?.aborted) return response;
      // A POST answered with a redirect (303) was received: what its hop brings never resends it.
      if (note && state.hopped) return response;
      const retryAfterMs = parseRetryAfter(response.headers);
      const delayMs = retryDelay(request, { status, retryAfterMs }, retry, policy);
      if (delayMs === undefined) return response;
      await pause({ attempt: retry + 1, delayMs, method, url, status: response.status });
      if (stop?.aborted) return response;
    }

    async function pause(info: RetryInfo): Promise<void> {
      report.retry(info);
      await abortableSleep(info.delayMs, signal, stop);
    }
  };
}
