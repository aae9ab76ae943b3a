import { SieveConnectionError } from "../errors/sieve-connection-error.js";
import { SieveTimeoutError } from "../errors/sieve-timeout-error.js";
import type { Logger, RetryInfo } from "../types/client-options.js";
import { abortableSleep } from "../utils/abortable-sleep.js";
import { backoffDelay } from "./backoff.js";
import type { HttpRequest, HttpResponse, Sender } from "./http-types.js";
import { nextRedirect } from "./redirects.js";
import { parseRetryAfter } from "./retry-after.js";
import { isIdempotent, shouldRetryFailure, shouldRetryStatus } from "./retry-policy.js";

/** Per-call limits that override the client's defaults. */
export interface AttemptLimits {
  timeoutMs?: number | undefined;
  maxRetries?: number | undefined;
}

/** What the transport needs from the client's configuration. */
export interface TransportConfig {
  send: Sender;
  maxRetries: number;
  maxRetryDelayMs: number;
  timeoutMs: number;
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
class AttemptTimeout extends Error {}

/**
 * Builds the client's transport on a sender. Each attempt gets one timer and one controller,
 * and covers the whole exchange, body included, so a stalled or dropped body counts as a failed
 * attempt rather than a hang. Which failures are retried, and after how long, is decided by
 * `retry-policy.ts`, `retry-after.ts` and `backoff.ts`; redirects by `redirects.ts`.
 *
 * @example
 * const transport = createTransport({ send: createFetchSender(fetch), maxRetries: 2, maxRetryDelayMs: 60_000, timeoutMs: 60_000 });
 * const response = await transport({ method: "GET", url, headers, body: undefined });
 */
export function createTransport(config: TransportConfig): Transport {
  const { logger, onRetry, send } = config;
  const random = config.random ?? Math.random;

  async function attempt(request: HttpRequest, caller: AbortSignal | undefined, timeoutMs: number) {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new AttemptTimeout()), timeoutMs);
    const onAbort = () => controller.abort(caller?.reason);
    caller?.addEventListener("abort", onAbort, { once: true });
    try {
      let current = request;
      let response = await send(current, controller.signal);
      for (let hops = 0; ; hops++) {
        const next = nextRedirect(current, response);
        if (!next) return response;
        if (hops >= MAX_REDIRECTS) {
          // A loop never heals: a SieveConnectionError thrown here is final, not retried.
          const { method, url } = request;
          throw new SieveConnectionError(
            `${method} ${url} failed: more than ${MAX_REDIRECTS} redirects.`,
            { method, url },
          );
        }
        current = next;
        response = await send(current, controller.signal);
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
    for (let retry = 0; ; retry++) {
      signal?.throwIfAborted();
      const more = retry < maxRetries;
      const started = logger?.debug ? Date.now() : 0;
      logger?.debug?.(`sieve-client: ${method} ${url}`);
      let response: HttpResponse;
      try {
        response = await attempt(request, signal, timeoutMs);
      } catch (error) {
        if (signal?.aborted) throw signal.reason;
        if (error instanceof SieveConnectionError) throw error;
        const failure = describeFailure(error, { method, url, timeoutMs });
        if (!more || !shouldRetryFailure(method, error)) throw failure;
        const delayMs = backoffDelay(retry, random);
        announce({ attempt: retry + 1, delayMs, method, url, error: failure });
        await abortableSleep(delayMs, signal);
        continue;
      }
      logger?.debug?.(
        `sieve-client: ${method} ${url} -> ${response.status} in ${Date.now() - started} ms`,
      );
      if (response.status < 400 || !more || !shouldRetryStatus(method, response.status))
        return response;
      const asked = parseRetryAfter(response.headers);
      if (asked !== undefined && asked > config.maxRetryDelayMs) return response;
      const delayMs = asked ?? backoffDelay(retry, random);
      announce({ attempt: retry + 1, delayMs, method, url, status: response.status });
      await abortableSleep(delayMs, signal);
    }
  };

  function announce(info: RetryInfo): void {
    const why = info.status ?? info.error?.message;
    logger?.warn?.(
      `sieve-client: retrying ${info.method} ${info.url} in ${info.delayMs} ms (retry ${info.attempt}): ${why}`,
    );
    onRetry?.(info);
  }
}

function describeFailure(
  error: unknown,
  target: { method: string; url: string; timeoutMs: number },
): SieveConnectionError {
  const note = isIdempotent(target.method) ? "" : ` ${NOT_SENT_TWICE}`;
  if (error instanceof AttemptTimeout) {
    const message = `${target.method} ${target.url} timed out after ${target.timeoutMs} ms.${note}`;
    return new SieveTimeoutError(message, target);
  }
  const message = `${target.method} ${target.url} failed: ${connectionReason(error)}.${note}`;
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
  return text;
}
