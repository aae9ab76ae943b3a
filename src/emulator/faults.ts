import { STATUS_CODES } from "node:http";
import type { Reply } from "./http-reply.js";
import { matchesRequest } from "./request-log.js";
import type { FaultSpec, Faults } from "./types.js";
import { SieveConfigError } from "../index.js";

interface QueuedFault {
  spec: FaultSpec;
  remaining: number;
}

/**
 * The queue behind `emu.faults`: `take` hands the first queued fault that matches a request to
 * the server and counts one hit off it.
 */
export class FaultQueue implements Faults {
  #queue: QueuedFault[] = [];

  next(fault: FaultSpec): void {
    const times = fault.times ?? 1;
    if (!Number.isSafeInteger(times) || times < 1) {
      throw new SieveConfigError(
        `faults.next: times must be a positive integer, got ${String(times)}`,
      );
    }
    if (fault.status === undefined && fault.drop === undefined && fault.latencyMs === undefined) {
      throw new SieveConfigError("faults.next: give at least one of status, drop and latencyMs");
    }
    if (fault.status !== undefined && (fault.status < 100 || fault.status > 599)) {
      throw new SieveConfigError(`faults.next: status must be 100-599, got ${fault.status}`);
    }
    this.#queue.push({ spec: { ...fault }, remaining: times });
  }

  clear(): void {
    this.#queue = [];
  }

  get pending(): number {
    return this.#queue.reduce((sum, fault) => sum + fault.remaining, 0);
  }

  /**
   * Consumes one hit of the first fault matching the request, if any.
   */
  take(method: string, path: string): FaultSpec | undefined {
    const index = this.#queue.findIndex((fault) =>
      matchesRequest(fault.spec.matching, method, path),
    );
    const fault = this.#queue[index];
    if (!fault) return undefined;
    fault.remaining -= 1;
    if (fault.remaining === 0) this.#queue.splice(index, 1);
    return fault.spec;
  }
}

/**
 * The response a fault with a `status` sends instead of the real one.
 */
export function faultReply(fault: FaultSpec & { status: number }): Reply {
  const headers: Record<string, string> = {
    "content-type": fault.contentType ?? "application/json",
  };
  if (fault.retryAfter !== undefined) headers["retry-after"] = String(fault.retryAfter);
  const body =
    fault.body ?? JSON.stringify({ detail: STATUS_CODES[fault.status] ?? "Injected fault" });
  return { status: fault.status, headers, body };
}
