// The request types live apart from types.ts, which imports RequestLog: request-log.ts and
// types.ts would otherwise import each other.

/** Which requests a fault or a log query is about; every field given must match. */
export interface RequestMatcher {
  /**
   * HTTP method, any case.
   *
   * @example
   * emu.requests.count({ method: "POST" });
   */
  method?: string;
  /**
   * The API path after `/v2`, without query: a string matches exactly, a RegExp is tested.
   *
   * @example
   * emu.requests.count({ path: /^\/jobs\/[^/]+$/ });
   */
  path?: string | RegExp;
}

/** One request the emulator received, recorded before any fault applied. */
export interface RecordedRequest {
  /** HTTP method, upper case. */
  method: string;
  /** The API path after `/v2` (`/push`, `/jobs/abc`); the full path for anything outside /v2. */
  path: string;
  /** Query parameters (the last value of a repeated one). */
  query: Record<string, string>;
  /** When it arrived, ms since the epoch. */
  time: number;
  /** Request headers, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
  /** The raw body, set once read (only `POST /push` reads one). */
  body?: string;
}
