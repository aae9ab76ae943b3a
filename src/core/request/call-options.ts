import type { AttemptLimits } from "../http/transport.js";
import type { RequestOptions } from "./request-options.js";
import { checkKnownKeys, checkOptionalObject } from "../validation/query-params.js";
import { keysOf } from "../validation/keys-of.js";
import { ABORT_SIGNAL, COUNT, MILLISECONDS, checkInput } from "../validation/rules.js";

/** A call's own options, checked: its signal and the limits it overrides. */
export interface CheckedCallOptions {
  signal: AbortSignal | undefined;
  limits: AttemptLimits | undefined;
}

const CALL_OPTION_NAMES = keysOf<RequestOptions>()(["signal", "timeoutMs", "maxRetries"]);
const NO_OPTIONS: CheckedCallOptions = { signal: undefined, limits: undefined };

/**
 * Checks a method's last argument (`{ signal?, timeoutMs?, maxRetries? }`), naming the field at
 * fault, and splits it into the signal and the limits.
 */
export function checkCallOptions(options: RequestOptions | undefined): CheckedCallOptions {
  if (options === undefined) return NO_OPTIONS;
  const { signal, timeoutMs, maxRetries } = checkOptionalObject("options", options);
  checkKnownKeys("options", options, CALL_OPTION_NAMES);
  checkInput("options.signal", signal, ABORT_SIGNAL);
  checkInput("options.timeoutMs", timeoutMs, MILLISECONDS);
  checkInput("options.maxRetries", maxRetries, COUNT);
  const limits =
    timeoutMs === undefined && maxRetries === undefined ? undefined : { timeoutMs, maxRetries };
  return { signal, limits };
}
