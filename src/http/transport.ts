import { SieveConnectionError } from "../errors/sieve-connection-error.js";
import { SieveInternalError } from "../errors/sieve-internal-error.js";
import { SieveTimeoutError } from "../errors/sieve-timeout-error.js";
import type { SieveError } from "../errors/sieve-error.js";
import type { Logger, RetryInfo } from "../types/client-options.js";
import { abortableSleep } from "../utils/abortable-sleep.js";
import { createRedactor, type Redactor } from "../utils/redactor.js";
import { backoffDelay } from "./backoff.js";
import type { HttpRequest, HttpResponse, Sender } from "./http-types.js";
import { DEFAULT_MAX_RESPONSE_BYTES } from "./read-body.js";
import { NetworkFailure } from "./network-failure.js";
import { nextRedirect } from "./redirects.js";
import { ResponseFailure, toApiError } from "./response-failure.js";
import { parseRetryAfter } from "./retry-after.js";
import { createRetryReporter } from "./retry-reporter.js";
import { isIdempotent, markFinal, shouldRetryFailure, shouldRetryStatus } from "./retry-policy.js";

/** Per-call settings that override or add to the client's. */
export interface AttemptLimits {
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
  /** Values besides the API key to mask in any error of this call (a push's `env` values). */
  secrets?: readonly string[] | undefined;
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
export const NOT_SENT_TWICE =
  "The request may have reached Sieve: the job may or may not have been created. " +
  "Check sieve.jobs.list() before pushing again.";

/** Marks an attempt that ran out of time, as the abort reason of its own controller. */
class AttemptTimeout extends Error {
  override name = "AttemptTimeout";
}

/** How far one attempt got, for the decision to send the request again. */
interface AttemptState {
  /** True once the first send answered: what follows (a redirect hop) cannot un-send it. */
  answered: boolean;
  /** True once a redirect was followed. */
  hopped: boolean;
}

/**
 * Builds the client's transport on a sender. Each attempt gets one timer and one controller,
 * and covers the whole exchange, body included, so a stalled or dropped body counts as a failed
 * attempt rather than a hang. Which failures are retried, and after how long, is decided by
 * `retry-policy.ts`, `retry-after.ts` and `backoff.ts`; redirects by `redirects.ts`. Every
 * failure is a `SieveError` with the method, the URL and a cause, secrets masked; `logger` and
 * `onRetry` are observers whose failures are ignored (`retry-reporter.ts`). A body the sender
 * cannot use (past `maxResponseBytes`, undecodable) is final. A non-idempotent request (POST)
 * that was answered with a redirect is never sent again, whatever the hop brought.
 *
 * @example
 * const transport = createTransport({ send: createFetchSender(fetch), maxRetries: 2, maxRetryDelayMs: 60_000, timeoutMs: 60_000 });
 * const response = await transport({ method: "GET", url, headers, body: undefined });
 */
export function createTransport(config: TransportConfig): Transport {
  const { send } = config;
  const random = config.random ?? Math.random;
  const maxResponseBytes = config.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const report = createRetryReporter(config);
  const keyRedactor = createRedactor([config.apiKey]);

  async function attempt(
    request: HttpRequest,
    caller: AbortSignal | undefined,
    timeoutMs: number,
    state: AttemptState,
  ) {
    const controller = new AbortController();
    const timer = setTimeout(
      () => controller.abort(new AttemptTimeout(`no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    const onAbort = () => controller.abort(caller?.reason);
    caller?.addEventListener("abort", onAbort, { once: true });
    const options = { maxResponseBytes };
    try {
      let current = request;
      let response = await send(current, controller.signal, options);
      state.answered = true;
      const hops: string[] = [];
      for (;;) {
        const next = nextRedirect(current, response);
        if (!next) return response;
        hops.push(`${response.status} to ${next.url}`);
        if (hops.length > MAX_REDIRECTS) {
          // A loop never heals: a SieveConnectionError thrown here is final, not retried.
          const { method, url } = request;
          throw markFinal(
            new SieveConnectionError(
              `${method} ${url} failed: more than ${MAX_REDIRECTS} redirects.`,
              { method, url },
              { cause: new Error(`redirects: ${hops.join(", ")}`) },
            ),
          );
        }
        current = next;
        state.hopped = true;
        response = await send(current, controller.signal, options);
      }
    } catch (error) {
      if (caller?.aborted) throw caller.reason;
      if (controller.signal.aborted) throw controller.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
      caller?.removeEventListener("abort", onAbort);
    }
  }

  return async function transport(request, signal, limits) {
    const { method, url } = request;
    const maxRetries = limits?.maxRetries ?? config.maxRetries;
    const timeoutMs = limits?.timeoutMs ?? config.timeoutMs;
    const redactor = limits?.secrets?.length
      ? createRedactor([config.apiKey, ...limits.secrets])
      : keyRedactor;
    const note = isIdempotent(method) ? undefined : NOT_SENT_TWICE;
    for (let retry = 0; ; retry++) {
      signal?.throwIfAborted();
      const state: AttemptState = { answered: false, hopped: false };
      const started = Date.now();
      report.debug(`sieve-client: ${method} ${url}`);
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
        const resendable = shouldRetryFailure(method, failed) && !(state.answered && note);
        if (retry >= maxRetries || !resendable) throw failure;
        await pause({
          attempt: retry + 1,
          delayMs: backoffDelay(retry, random),
          method,
          url,
          error: failure,
        });
        continue;
      }
      report.debug(
        `sieve-client: ${method} ${url} -> ${response.status} in ${Date.now() - started} ms`,
      );
      if (
        response.status < 400 ||
        retry >= maxRetries ||
        !shouldRetryStatus(method, response.status)
      )
        return response;
      // A POST answered with a redirect (303) was received: what its hop brings never resends it.
      if (note && state.hopped) return response;
      const asked = parseRetryAfter(response.headers);
      if (asked !== undefined && asked > config.maxRetryDelayMs) return response;
      const delayMs = asked ?? backoffDelay(retry, random);
      await pause({ attempt: retry + 1, delayMs, method, url, status: response.status });
    }

    async function pause(info: RetryInfo): Promise<void> {
      report.retry(info);
      await abortableSleep(info.delayMs, signal);
    }
  };
}

/**
 * A failure that is neither the network's nor the server's: a bug in the client, or a runtime
 * it does not support. Final, never retried, and no loop polls through it.
 */
function internalFailure(error: unknown, target: HttpRequest, redactor: Redactor): SieveError {
  const { method, url } = target;
  const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  const message =
    `${method} ${url} failed inside sieve-client, not on the network (${redactor.text(what)}). ` +
    "This is a bug in sieve-client or a runtime it does not support; it is not retried.";
  return new SieveInternalError(message, target, { cause: error });
}

function describeFailure(
  error: unknown,
  target: { method: string; url: string; timeoutMs: number },
  redactor: Redactor,
): SieveConnectionError {
  const note = isIdempotent(target.method) ? "" : ` ${NOT_SENT_TWICE}`;
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
