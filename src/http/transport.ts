import { SieveConnectionError } from "../errors/sieve-connection-error.js";
import { SieveTimeoutError } from "../errors/sieve-timeout-error.js";
import { abortableSleep } from "../utils/abortable-sleep.js";
import { backoffDelay } from "./backoff.js";
import { nextRedirect } from "./redirects.js";
import { rememberTarget } from "./response-target.js";
import { parseRetryAfter } from "./retry-after.js";
import { isIdempotent, shouldRetryFailure, shouldRetryStatus } from "./retry-policy.js";
import type { Logger, RetryInfo } from "../types/client-options.js";

/** Per-call limits that override the client's defaults. */
export interface AttemptLimits {
  timeoutMs?: number;
  maxRetries?: number;
}

/** What the transport needs from the client's configuration. */
export interface TransportConfig {
  fetch: (input: Request) => Promise<Response>;
  maxRetries: number;
  maxRetryDelayMs: number;
  timeoutMs: number;
  onRetry?: ((info: RetryInfo) => void) | undefined;
  logger?: Logger | undefined;
  random?: () => number;
}

/** Sends one request with retries, per-attempt timeouts and safe redirects. */
export type Transport = (request: Request, limits?: AttemptLimits) => Promise<Response>;

const MAX_REDIRECTS = 5;
const NOT_SENT_TWICE =
  "The request may have reached Sieve: the job may or may not have been created. " +
  "Check sieve.jobs.list() before pushing again.";

/** Marks an attempt that ran out of time, as the abort reason of its own controller. */
class AttemptTimeout extends Error {}

/**
 * Builds the `fetch` that openapi-fetch calls. Each attempt gets its own timer and a fresh clone
 * of the request (clones only when another attempt can follow and there is a body to lose), and
 * reads the whole body before the timer stops, so a stalled or dropped body counts as a failed
 * attempt rather than a hang. Which failures are retried, and after how long, is decided by
 * `retry-policy.ts`, `retry-after.ts` and `backoff.ts`.
 *
 * @example
 * const transport = createTransport({ fetch: globalThis.fetch, maxRetries: 2, maxRetryDelayMs: 60_000, timeoutMs: 60_000 });
 * const response = await transport(new Request("https://mango.sievedata.com/v2/jobs"));
 */
export function createTransport(config: TransportConfig): Transport {
  const { logger, onRetry } = config;
  const random = config.random ?? Math.random;

  async function attempt(request: Request, timeoutMs: number): Promise<Response> {
    const caller = request.signal;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new AttemptTimeout()), timeoutMs);
    const onAbort = () => controller.abort(caller.reason);
    caller.addEventListener("abort", onAbort, { once: true });
    try {
      // The signal and redirect mode are baked into the Request, so a custom fetch that drops
      // its second argument still honours the timeout and never follows a redirect by itself.
      const send = (r: Request) =>
        config.fetch(new Request(r, { signal: controller.signal, redirect: "manual" }));
      let current = request;
      let response = await send(current);
      for (let hops = 0; ; hops++) {
        if (response.type === "opaqueredirect") {
          throw new TypeError("the server redirected, and this runtime hides the target");
        }
        const next = nextRedirect(current, response);
        if (!next) break;
        if (hops >= MAX_REDIRECTS) throw new TypeError(`more than ${MAX_REDIRECTS} redirects`);
        await response.body?.cancel();
        current = next;
        response = await send(current);
      }
      const body =
        response.status === 204 || response.status === 304 ? null : await response.arrayBuffer();
      const buffered = new Response(body, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      rememberTarget(buffered, { method: current.method, url: current.url });
      return buffered;
    } catch (error) {
      if (caller.aborted) throw caller.reason;
      if (controller.signal.aborted) throw controller.signal.reason;
      throw error;
    } finally {
      clearTimeout(timer);
      caller.removeEventListener("abort", onAbort);
    }
  }

  return async function transport(request, limits) {
    const { method, url, signal } = request;
    const maxRetries = limits?.maxRetries ?? config.maxRetries;
    const timeoutMs = limits?.timeoutMs ?? config.timeoutMs;
    for (let retry = 0; ; retry++) {
      signal.throwIfAborted();
      const more = retry < maxRetries;
      const started = Date.now();
      logger?.debug?.(`sieve-client: ${method} ${url}`);
      let response: Response;
      try {
        response = await attempt(
          more && request.body !== null ? request.clone() : request,
          timeoutMs,
        );
      } catch (error) {
        if (signal.aborted) throw signal.reason;
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
      if (response.ok || !more || !shouldRetryStatus(method, response.status)) return response;
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
  const reason = connectionReason(error);
  const message = `${target.method} ${target.url} failed: ${reason}.${note}`;
  return new SieveConnectionError(message, target, { cause: error });
}

/** The most specific text in a fetch failure: undici hides the reason in `cause`. */
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

export { NOT_SENT_TWICE };
