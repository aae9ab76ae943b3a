import type { RequestMatcher } from "./request-types.js";

/**
 * A fault to inject into the next matching requests (see `Faults.next`).
 *
 * @example
 * const outage: FaultSpec = { status: 503, times: 3, matching: { method: "GET" } };
 * emu.faults.next(outage);
 */
export interface FaultSpec {
  /**
   * Answer this status instead of handling the request: nothing happens (no job is created).
   *
   * @example
   * emu.faults.next({ status: 503 });
   */
  status?: number;
  /**
   * How many matching requests it hits (default 1).
   *
   * @example
   * emu.faults.next({ status: 502, times: 2 });
   */
  times?: number;
  /**
   * The `Retry-After` header sent with `status`.
   *
   * @example
   * emu.faults.next({ status: 429, retryAfter: 1 });
   */
  retryAfter?: number | string;
  /**
   * Only requests that match (default: any request).
   *
   * @example
   * emu.faults.next({ status: 500, matching: { method: "GET", path: /^\/jobs\// } });
   */
  matching?: RequestMatcher;
  /**
   * The body sent with `status` (default `{"detail": "<status text>"}`).
   *
   * @example
   * emu.faults.next({ status: 502, body: "<html>Bad Gateway</html>", contentType: "text/html" });
   */
  body?: string;
  /**
   * The `content-type` of `body` (default `application/json`).
   *
   * @example
   * emu.faults.next({ status: 503, body: "<h1>down</h1>", contentType: "text/html" });
   */
  contentType?: string;
  /**
   * `"before-response"` destroys the socket without handling the request (no job is created);
   * `"mid-response"` handles it (a push creates its job), writes the status, headers and half
   * of the body, then destroys the socket.
   *
   * @example
   * emu.faults.next({ drop: "mid-response", matching: { method: "POST", path: "/push" } });
   */
  drop?: "before-response" | "mid-response";
  /**
   * Waits this long before answering (the real answer, a `status`, or a `drop`).
   *
   * @example
   * emu.faults.next({ latencyMs: 200, times: 3 });
   */
  latencyMs?: number;
}

/**
 * Fault injection: each queued fault hits the next `times` requests that match it.
 *
 * @example
 * emu.faults.next({ status: 429, retryAfter: 0, times: 2 });
 * expect(emu.faults.pending).toBe(2);
 */
export interface Faults {
  /**
   * Queues a fault. Faults apply in the order queued, at most one per request.
   *
   * @example
   * emu.faults.next({ status: 503, times: 2, retryAfter: 0 });
   */
  next(fault: FaultSpec): void;
  /**
   * Drops every queued fault.
   *
   * @example
   * emu.faults.clear();
   */
  clear(): void;
  /**
   * How many hits the queued faults still have.
   *
   * @example
   * expect(emu.faults.pending).toBe(0);
   */
  readonly pending: number;
}
