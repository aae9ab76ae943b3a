/** One HTTP request as the transport sends it: plain data, so every attempt can resend it. */
export interface HttpRequest {
  /** Upper-case method, e.g. `GET`. */
  method: string;
  /** The absolute URL, path parameters encoded. */
  url: string;
  /** Header names to values; never mutated by a sender. */
  headers: Record<string, string>;
  /** The serialized body, or undefined for none. */
  body: string | undefined;
}

/** Response headers, read by name (case-insensitive). */
export interface ResponseHeaders {
  get(name: string): string | null;
  /** All headers as a plain object with lower-case names. */
  toRecord(): Record<string, string>;
}

/** One HTTP response with its whole body already read and decoded. */
export interface HttpResponse {
  status: number;
  headers: ResponseHeaders;
  body: string;
}

/** What a sender is told besides the request. */
export interface SendOptions {
  /** The most decoded body bytes to read; past it the attempt fails. Default 32 MiB. */
  maxResponseBytes?: number | undefined;
}

/**
 * How the transport ends an attempt early (its time limit, the caller's abort). A sender either
 * hands `signal` on, or registers a callback with `onAbort`, which spares making an
 * `AbortSignal` per attempt (see `attempt-abort.ts`).
 */
export interface AttemptSignal {
  readonly aborted: boolean;
  /** Why the attempt was aborted; undefined until it is. */
  readonly reason: unknown;
  /** An `AbortSignal` that aborts with the attempt, made the first time it is read. */
  readonly signal: AbortSignal;
  /** Calls `listener` once when the attempt is aborted, at once if it already is. */
  onAbort(listener: (reason: unknown) => void): void;
}

/**
 * Sends one attempt of a request and reads the whole body (decoded per `Content-Encoding`, at
 * most `options.maxResponseBytes`), or rejects: network failure, abort through `attempt`, or a
 * `ResponseFailure` for a body it cannot use. Never follows redirects: the transport decides.
 */
export interface Sender {
  (request: HttpRequest, attempt: AttemptSignal, options?: SendOptions): Promise<HttpResponse>;
  /**
   * Set by a sender that loads its library on first use (the Node sender's undici): starts the
   * load and returns a promise that settles once it is done, or undefined once it is. The
   * transport waits for it before an attempt's timer starts, so the load never counts against
   * `timeoutMs`. A sender without it is ready at once.
   */
  ready?: (() => Promise<unknown> | undefined) | undefined;
}
