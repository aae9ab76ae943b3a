const RETRYABLE_STATUSES = new Set([408, 429, 500, 502, 503, 504]);

/** Error codes that mean no byte of the request reached a server: resending cannot duplicate. */
const NEVER_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EAI_NONAME",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  // Bun's fetch: the same failures, in its own words.
  "ConnectionRefused",
  "FailedToOpenSocket",
  // http2: true, and the TLS handshake did not agree to HTTP/2: no request was written.
  "SIEVE_HTTP2_REFUSED",
  // Node refuses to open a stream on an HTTP/2 session destroyed or closing (GOAWAY received).
  "ERR_HTTP2_INVALID_SESSION",
  "ERR_HTTP2_GOAWAY_SESSION",
]);

/**
 * An HTTP/2 stream the server reset with REFUSED_STREAM: RFC 9113 (8.7) guarantees it was not
 * processed, so a resend cannot duplicate it.
 */
const REFUSED_STREAM = /NGHTTP2_REFUSED_STREAM/;

/**
 * Messages that say no connection was made, from runtimes whose errors carry no code: Deno's
 * fetch names the stage that failed (`client error (Connect)`, `tcp connect error`, `dns
 * error`). A browser's `Failed to fetch` says nothing (refused, reset and a refused CORS
 * preflight look alike), so it never proves a request stayed home.
 */
const NEVER_SENT_MESSAGE =
  /client error \(Connect\)|tcp connect error|dns error|failed to lookup address/i;

/** What the retry rules look at in a request. */
export interface RetryTarget {
  method: string;
  url: string;
}

/** Sieve's edit operations (`POST …/edit`): they set the fields given, so a repeat is harmless. */
const EDIT_PATH = /\/edit(?:[?#]|$)/;

/**
 * True for requests that may be repeated without a second effect. `POST /push` creates a paid
 * job, so a POST (and a PATCH) is not, except Sieve's edits of a function or a version, which set
 * fields to the values given.
 */
export function isIdempotent({ method, url }: RetryTarget): boolean {
  if (method !== "POST" && method !== "PATCH") return true;
  return method === "POST" && EDIT_PATH.test(url);
}

/**
 * Whether a response status deserves another attempt: 408, 429 and 500/502/503/504 for
 * idempotent requests; only 429 (the server refused before doing anything) for a push.
 */
export function shouldRetryStatus(target: RetryTarget, status: number): boolean {
  return isIdempotent(target) ? RETRYABLE_STATUSES.has(status) : status === 429;
}

/**
 * Whether a failure with no response deserves another attempt: always for idempotent requests;
 * for a push only when the request surely never left (refused, DNS, unreachable).
 */
export function shouldRetryFailure(target: RetryTarget, error: unknown): boolean {
  return isIdempotent(target) || requestNeverLeft(error);
}

/**
 * True when a fetch failure (or anything in its `cause` chain, or an `AggregateError` of
 * connection attempts) carries a code that proves nothing was sent, or, where a runtime gives no
 * code (Deno), a message that names the connect stage. Unknown failures are assumed to have
 * been sent: a resend could duplicate a paid job.
 */
export function requestNeverLeft(error: unknown): boolean {
  const seen = new Set<unknown>();
  const pending: unknown[] = [error];
  let proven = false;
  while (pending.length > 0) {
    const current = pending.pop();
    if (typeof current !== "object" || current === null || seen.has(current)) continue;
    seen.add(current);
    const { code, cause, errors, message } = current as {
      code?: unknown;
      cause?: unknown;
      errors?: unknown;
      message?: unknown;
    };
    if (typeof code === "string") {
      const refused = code === "ERR_HTTP2_STREAM_ERROR" && REFUSED_STREAM.test(String(message));
      if (!NEVER_SENT_CODES.has(code) && !refused) return false;
      proven = true;
    } else if (typeof message === "string" && NEVER_SENT_MESSAGE.test(message)) {
      proven = true;
    }
    pending.push(cause);
    if (Array.isArray(errors)) pending.push(...errors);
  }
  return proven;
}

const finalFailures = new WeakSet<object>();

/**
 * Marks an error the transport decided never to retry although its class or status usually is
 * (a redirect loop, a body past `maxResponseBytes` or in an unknown encoding), so that the job
 * loops, which apply the same rule, do not poll through it either. Returns the error.
 */
export function markFinal<E extends object>(error: E): E {
  finalFailures.add(error);
  return error;
}

/**
 * True for an error marked with `markFinal`.
 */
export function isFinal(error: unknown): boolean {
  return typeof error === "object" && error !== null && finalFailures.has(error);
}
