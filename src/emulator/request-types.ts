// The request types live apart from types.ts, which imports RequestLog: request-log.ts and
// types.ts would otherwise import each other.

/**
 * Which requests a fault or a log query is about; every field given must match.
 *
 * @example
 * const polls: RequestMatcher = { method: "GET", path: /^\/jobs\/[^/]+$/ };
 * expect(emu.requests.count(polls)).toBeGreaterThan(1);
 */
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

/**
 * One request the emulator received, recorded before any fault applied.
 *
 * @example
 * const [push] = emu.requests.matching({ method: "POST", path: "/push" });
 * expect(JSON.parse(push?.body ?? "{}").function).toBe("demo/echo");
 */
export interface RecordedRequest {
  /**
   * HTTP method, upper case.
   *
   * @example
   * expect(emu.requests.map((request) => request.method)).toContain("DELETE");
   */
  method: string;
  /**
   * The API path after `/v2` (`/push`, `/jobs/abc`); the full path for anything outside /v2.
   *
   * @example
   * expect(emu.requests.map((request) => request.path)).toContain(`/jobs/${id}`);
   */
  path: string;
  /**
   * Query parameters (the last value of a repeated one).
   *
   * @example
   * await sieve.jobs.list({ limit: 5 });
   * expect(emu.requests.matching({ path: "/jobs" })[0]?.query.limit).toBe("5");
   */
  query: Record<string, string>;
  /**
   * When it arrived, ms since the epoch.
   *
   * @example
   * const [first, second] = emu.requests.matching({ method: "GET" });
   * if (first && second) console.log(`polled again after ${second.time - first.time} ms`);
   */
  time: number;
  /**
   * Request headers, as node:http gives them.
   *
   * @example
   * expect(emu.requests[0]?.headers["user-agent"]).toMatch(/^sieve-client\//);
   */
  headers: Record<string, string | string[] | undefined>;
  /**
   * The raw body, set once read (only `POST /push` reads one).
   *
   * @example
   * expect(JSON.parse(emu.requests.matching({ path: "/push" })[0]?.body ?? "{}")).toMatchObject({ function: "demo/echo" });
   */
  body?: string;
}
