import type { SieveConnectionError } from "../errors/sieve-connection-error.js";

/**
 * Where the client writes what it does. Every method is optional; lines never hold the API key,
 * a request body or `env` values.
 *
 * @example
 * createSieveClient({ logger: console });
 */
export interface Logger {
  /**
   * Each request sent and each answer, with the key redacted.
   *
   * @example
   * createSieveClient({ logger: { debug: (line) => process.stderr.write(`${line}\n`) } });
   */
  debug?(message: string): void;
  /**
   * Not called by the client today; accepted so that `console` and most loggers fit as they are.
   *
   * @example
   * createSieveClient({ logger: { info: console.info } });
   */
  info?(message: string): void;
  /**
   * A retry, or a transient failure a wait polls through.
   *
   * @example
   * createSieveClient({ logger: { warn: (line) => metrics.increment("sieve.retry", { line }) } });
   */
  warn?(message: string): void;
  /**
   * Not called by the client today (failures are thrown, and retries go to `warn`); accepted so
   * that `console` and most loggers fit as they are.
   *
   * @example
   * createSieveClient({ logger: { error: console.error } });
   */
  error?(message: string): void;
}

/**
 * What `onRetry` receives before each retry. Holds no header and no body.
 *
 * @example
 * createSieveClient({ onRetry: (r) => console.warn(`retry ${r.attempt} in ${r.delayMs} ms`, r.status ?? r.error?.message) });
 */
export interface RetryInfo {
  /**
   * 1 for the first retry, 2 for the second...
   *
   * @example
   * createSieveClient({ onRetry: ({ attempt }) => console.warn(`retry #${attempt}`) });
   */
  attempt: number;
  /**
   * How long the client waits before sending again, in milliseconds.
   *
   * @example
   * createSieveClient({ onRetry: ({ delayMs }) => console.warn(`retrying in ${delayMs} ms`) });
   */
  delayMs: number;
  /**
   * HTTP method of the request.
   *
   * @example
   * createSieveClient({ onRetry: ({ method, url }) => console.warn(`retrying ${method} ${url}`) });
   */
  method: string;
  /**
   * Full request URL.
   *
   * @example
   * createSieveClient({ onRetry: (info) => console.warn(`retrying ${info.url}`) });
   */
  url: string;
  /**
   * The status that caused the retry, when a response arrived.
   *
   * @example
   * createSieveClient({ onRetry: ({ status }) => status === 429 && console.warn("rate limited") });
   */
  status?: number;
  /**
   * The failure that caused the retry, when no response arrived.
   *
   * @example
   * createSieveClient({ onRetry: ({ error }) => error && console.warn("network:", error.message) });
   */
  error?: SieveConnectionError;
}

/**
 * The fetch signature the client accepts: the global one or any compatible implementation.
 *
 * @example
 * createSieveClient({ fetch: (url, init) => globalThis.fetch(url, init) });
 */
export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

/**
 * Options of `createSieveClient`. Every one is optional.
 *
 * @example
 * const options: SieveClientOptions = { apiKey: process.env.SIEVE_API_KEY, timeoutMs: 30_000 };
 * const sieve = createSieveClient(options);
 */
export interface SieveClientOptions {
  /**
   * The Sieve API key, sent only as the `X-API-Key` header. Defaults to `process.env.SIEVE_API_KEY`
   * where there is a `process`; missing or empty throws `SieveConfigError`.
   *
   * @example
   * createSieveClient({ apiKey: process.env.MY_SIEVE_KEY });
   */
  apiKey?: string;
  /**
   * Lets `createSieveClient` run in a web page. Off by default: a page holds the API key where
   * anyone who opens it can read it (devtools, the network tab, the bundle), and spend the
   * organization's credits with it. Call Sieve from your backend instead, and let the page talk
   * to your backend; turn this on only where every user of the page may hold the key anyway (an
   * internal tool, a key of a throwaway organization).
   *
   * @example
   * createSieveClient({ apiKey: keyTheUserTypedIn, dangerouslyAllowBrowser: true });
   */
  dangerouslyAllowBrowser?: boolean;
  /**
   * The API root, `https://mango.sievedata.com/v2` unless `SIEVE_API_URL` says otherwise. Must be
   * `https://`, except for loopback hosts (localhost, 127.0.0.0/8, [::1]) or with
   * `allowInsecureHttp`.
   *
   * @example
   * createSieveClient({ baseUrl: "http://127.0.0.1:4010" }); // a local emulator
   */
  baseUrl?: string;
  /**
   * Allows a plain `http://` base URL to a host that is not loopback. The key then crosses the
   * network in clear text: only for a trusted network such as a test cluster.
   *
   * @example
   * createSieveClient({ baseUrl: "http://sieve-mock.internal:8080/v2", allowInsecureHttp: true });
   */
  allowInsecureHttp?: boolean;
  /**
   * How many times a failed request is sent again (default 2). `POST /push` is re-sent only when
   * it surely never arrived, or after a 429.
   *
   * @example
   * createSieveClient({ maxRetries: 5 });
   */
  maxRetries?: number;
  /**
   * The longest wait the client accepts from `Retry-After`, in milliseconds (default 60 000). A
   * server asking for more gets no silent sleep: the call fails at once with the response's
   * error (`SieveRateLimitError` for a 429, `SieveServerError` for a 503) carrying `retryAfterMs`.
   *
   * @example
   * createSieveClient({ maxRetryDelayMs: 10_000 });
   */
  maxRetryDelayMs?: number;
  /**
   * The time limit of one attempt, in milliseconds (default 60 000), including reading the body.
   *
   * @example
   * createSieveClient({ timeoutMs: 15_000 });
   */
  timeoutMs?: number;
  /**
   * The most bytes one response body may hold once decoded (default 33 554 432, i.e. 32 MiB: a
   * job with many inline outputs or a page of 100 jobs is far smaller). The client counts as the
   * body streams in and stops at the limit, so an endless or hostile body never fills memory;
   * the call then fails with `SieveResponseTooLargeError`, which is not retried. A positive
   * integer.
   *
   * @example
   * createSieveClient({ maxResponseBytes: 128 * 1024 * 1024 }); // jobs with large inline outputs
   */
  maxResponseBytes?: number;
  /**
   * How many `jobs.wait` long-polls (`GET /jobs/{id}/await`, held by the server until the job
   * ends) this client keeps open at once; a wait beyond it polls `GET /jobs/{id}` on its
   * schedule until a long-poll ends, then long-polls. Each held request holds a connection, so
   * the budget keeps room for the client's other calls: default 96 on the Node entry (its agent
   * opens up to 128 connections per origin), 4 with a `fetch` (a browser opens 6 per origin over
   * HTTP/1.1), 10 000 with `http2` (128 connections of 100 streams). `0` makes every wait poll. A
   * non-negative integer.
   *
   * @example
   * createSieveClient({ maxLongPolls: 500 }); // a proxy in front that holds many connections
   */
  maxLongPolls?: number;
  /**
   * Says that the server (or the proxy in front of it) speaks HTTP/2, so that many requests can
   * share one connection (default false). On the Node entry the client's agent then speaks only
   * HTTP/2: over TLS it requires the server to choose `h2` (ALPN) and fails the connection if it
   * does not; over `http:` it speaks HTTP/2 at once (h2c, as the emulator accepts). Each
   * connection carries up to 100 requests, so thousands of `jobs.wait` long-polls fit in a few
   * dozen connections, and `maxLongPolls` defaults to 10 000 instead of 96. With a `fetch` of
   * your own, the protocol is the fetch's business (a browser uses HTTP/2 on an https origin
   * that offers it); the option then only raises the `maxLongPolls` default.
   *
   * @example
   * createSieveClient({ http2: true }); // 10 000 concurrent waits, each one long-poll
   */
  http2?: boolean;
  /**
   * The `fetch` to send requests with: the standard `(url, init)` signature. Default: the
   * global one (on Node, the client's own keep-alive undici pool, which is faster). For tests,
   * proxies and other runtimes. It is called once per attempt with `redirect: "manual"` and the
   * attempt's signal; it must not follow redirects itself, and must decode the body as a
   * standard fetch does (`Content-Encoding`).
   *
   * @example
   * createSieveClient({ fetch: (url, init) => globalThis.fetch(url, init) });
   */
  fetch?: FetchLike;
  /**
   * Extra headers sent with every request. `X-API-Key` cannot be set here (use `apiKey`), nor
   * the headers the transport manages (`Host`, `Content-Length`, `Transfer-Encoding`,
   * `Connection`...). Names must be HTTP tokens and values printable ASCII (no line break or
   * control character): anything else is a `SieveConfigError` at `createSieveClient`. A
   * `User-Agent` naming sieve-client and its version is sent unless you set your own. None of
   * these headers follows a redirect to another origin.
   *
   * @example
   * createSieveClient({ headers: { "X-Request-Source": "billing-service" } });
   */
  headers?: Record<string, string>;
  /**
   * Called before each retry, with why and how long the client will wait; also for each
   * transient failure a `wait`, `run` or `outputs` polls through. An observer: whatever it throws
   * (or a promise it returns that rejects) is ignored and never changes how the call ends.
   *
   * @example
   * createSieveClient({ onRetry: ({ attempt, delayMs, status }) => metrics.increment("sieve.retry", { attempt, status }) });
   */
  onRetry?: (info: RetryInfo) => void;
  /**
   * Where to log requests (debug) and retries (warn). Off by default. An observer: whatever its
   * methods throw (or a promise they return that rejects) is ignored.
   *
   * @example
   * createSieveClient({ logger: console });
   */
  logger?: Logger;
}
