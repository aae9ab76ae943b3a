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

/** One HTTP response with its whole body already read. */
export interface HttpResponse {
  status: number;
  headers: ResponseHeaders;
  body: string;
}

/**
 * Sends one attempt of a request and reads the whole body, or rejects (network failure, abort
 * through `signal`). Never follows redirects: the transport decides those.
 */
export type Sender = (request: HttpRequest, signal: AbortSignal) => Promise<HttpResponse>;
