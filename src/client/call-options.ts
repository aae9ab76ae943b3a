import { SieveInputError } from "../errors/sieve-input-error.js";
import type { Transport } from "../http/transport.js";
import type { RequestOptions } from "../types/request-options.js";
import { isAbortSignal } from "../utils/is-abort-signal.js";
import { assertCount, assertKnownKeys, assertOptionalObject } from "../validation/query-params.js";
import { MAX_TIMER_MS } from "./resolve-config.js";

/** The part of an openapi-fetch call's init that carries a call's own options. */
export interface CallInit {
  signal?: AbortSignal;
  fetch?: (request: Request) => Promise<Response>;
}

const CALL_OPTION_NAMES = ["signal", "timeoutMs", "maxRetries"];

/**
 * Checks a method's last argument and turns it into openapi-fetch init: the signal as is, and,
 * only when the call overrides a limit, a fetch bound to those limits (so the common call
 * allocates nothing extra).
 *
 * @example
 * raw.GET("/jobs", { parseAs: "text", ...toCallInit({ timeoutMs: 5_000 }, transport) });
 */
export function toCallInit(options: RequestOptions | undefined, transport: Transport): CallInit {
  if (options === undefined) return {};
  const { signal, timeoutMs, maxRetries } = assertOptionalObject("options", options);
  assertKnownKeys("options", options, CALL_OPTION_NAMES);
  if (signal !== undefined && !isAbortSignal(signal)) {
    throw new SieveInputError("options.signal", "expected an AbortSignal");
  }
  if (
    timeoutMs !== undefined &&
    !(typeof timeoutMs === "number" && timeoutMs > 0 && timeoutMs <= MAX_TIMER_MS)
  ) {
    throw new SieveInputError(
      "options.timeoutMs",
      `expected milliseconds from 1 to ${MAX_TIMER_MS}`,
    );
  }
  assertCount("options.maxRetries", maxRetries);
  const init: CallInit = {};
  if (signal) init.signal = signal;
  if (timeoutMs !== undefined || maxRetries !== undefined) {
    const limits = { timeoutMs, maxRetries };
    init.fetch = (request) => transport(request, limits);
  }
  return init;
}
