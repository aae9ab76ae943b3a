import { SieveInputError } from "../errors/sieve-input-error.js";
import type { AttemptLimits } from "../http/transport.js";
import type { RequestOptions } from "../types/request-options.js";
import { isAbortSignal } from "../utils/is-abort-signal.js";
import { assertCount, assertKnownKeys, assertOptionalObject } from "../validation/query-params.js";
import { MAX_TIMER_MS } from "./resolve-config.js";

/** A call's own options, checked: its signal and the limits it overrides. */
export interface CheckedCallOptions {
  signal: AbortSignal | undefined;
  limits: AttemptLimits | undefined;
}

const CALL_OPTION_NAMES = ["signal", "timeoutMs", "maxRetries"];
const NO_OPTIONS: CheckedCallOptions = { signal: undefined, limits: undefined };

/**
 * Checks a method's last argument (`{ signal?, timeoutMs?, maxRetries? }`), naming the field at
 * fault, and splits it into the signal and the limits.
 *
 * @example
 * checkCallOptions({ timeoutMs: 5_000 }); // { signal: undefined, limits: { timeoutMs: 5000, maxRetries: undefined } }
 */
export function checkCallOptions(options: RequestOptions | undefined): CheckedCallOptions {
  if (options === undefined) return NO_OPTIONS;
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
  const limits =
    timeoutMs === undefined && maxRetries === undefined ? undefined : { timeoutMs, maxRetries };
  return { signal, limits };
}
