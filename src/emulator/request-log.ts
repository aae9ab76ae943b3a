import type { RecordedRequest, RequestMatcher } from "./request-types.js";

/**
 * Whether a request matches: each field the matcher gives must match (method in any case;
 * path exactly, or tested when a RegExp).
 */
export function matchesRequest(
  matcher: RequestMatcher | undefined,
  method: string,
  path: string,
): boolean {
  if (!matcher) return true;
  if (matcher.method !== undefined && matcher.method.toUpperCase() !== method.toUpperCase()) {
    return false;
  }
  if (matcher.path === undefined) return true;
  if (typeof matcher.path === "string") return matcher.path === path;
  matcher.path.lastIndex = 0;
  return matcher.path.test(path);
}

/**
 * Every request the emulator received, oldest first, recorded on arrival (before faults), so a
 * request that a fault dropped still counts. A real array (index it, iterate it, `map` it; its
 * array methods return plain arrays) with a few helpers.
 *
 * @example
 * expect(emu.requests.count({ method: "POST", path: "/push" })).toBe(1);
 * expect(emu.requests[0]?.path).toBe("/push");
 */
export class RequestLog extends Array<RecordedRequest> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }

  readonly #limit: number;

  /**
   * @param limit How many requests to keep; beyond it the oldest tenth is dropped at once.
   *
   * @example
   * const log = new RequestLog(1_000);
   */
  constructor(limit = 100_000) {
    super();
    this.#limit = Math.max(1, limit);
  }

  /**
   * Records a request; returns the stored entry so its body can be added once read.
   *
   * @example
   * log.record({ method: "GET", path: "/jobs", query: {}, time: Date.now(), headers: {} });
   */
  record(request: RecordedRequest): RecordedRequest {
    if (this.length >= this.#limit) this.splice(0, Math.max(1, Math.floor(this.#limit / 10)));
    this.push(request);
    return request;
  }

  /**
   * How many requests match (all when no matcher).
   *
   * @example
   * emu.requests.count({ method: "DELETE" });
   */
  count(matcher?: RequestMatcher): number {
    let n = 0;
    for (const entry of this) if (matchesRequest(matcher, entry.method, entry.path)) n++;
    return n;
  }

  /**
   * The requests that match, oldest first, as a plain array.
   *
   * @example
   * const polls = emu.requests.matching({ method: "GET", path: /^\/jobs\// });
   */
  matching(matcher?: RequestMatcher): RecordedRequest[] {
    return this.filter((entry) => matchesRequest(matcher, entry.method, entry.path));
  }

  /**
   * Forgets every request.
   *
   * @example
   * emu.requests.clear();
   */
  clear(): void {
    this.length = 0;
  }
}
