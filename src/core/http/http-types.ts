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
 * Sends one attempt of a request and reads the whole body (decoded per `Content-Encoding`, at
 * most `options.maxResponseBytes`), or rejects: network failure, abort through `signal`, or a
 * `ResponseFailure` for a body it cannot use. Never follows redirects: the transport decides.
 */
export type Sender = (
  request: HttpRequest,
  signal: AbortSignal,
  options?: SendOptions,
) => Promise<HttpResponse>;
