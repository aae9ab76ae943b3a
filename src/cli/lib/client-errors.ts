import {
  SieveApiError,
  SieveConfigError,
  SieveConnectionError,
  SieveInputError,
  SieveJobCancelledError,
  SieveJobFailedError,
  SieveWaitTimeoutError,
} from "../../node.js";
import { CliError, describeErrorWithCode } from "./errors.js";
import { ExitCode, type ExitCodeValue } from "./exit-codes.js";

/**
 * The exit code for an error: 1 a job failed or was cancelled, 2 a usage or configuration
 * error, 3 an API, network or wait-timeout error, 70 anything unexpected; a `CliError` says its
 * own (130, 141, 143, 74, 4...). Apart from `errors.ts` because it loads the client's error
 * classes: `--help`, `--version` and a usage error never need it.
 */
export function exitCodeFor(error: unknown): ExitCodeValue {
  if (error instanceof CliError) return error.exitCode;
  if (error instanceof SieveJobFailedError || error instanceof SieveJobCancelledError)
    return ExitCode.jobFailed;
  if (error instanceof SieveInputError || error instanceof SieveConfigError) return ExitCode.usage;
  if (
    error instanceof SieveApiError ||
    error instanceof SieveConnectionError ||
    error instanceof SieveWaitTimeoutError
  )
    return ExitCode.apiError;
  return ExitCode.internal;
}

/**
 * What to print on stderr for an error: one line `sieve-client: <message>`, and with `debug` the
 * stack traces of the error and of its causes after it.
 */
export function describeError(error: unknown, debug: boolean): string {
  return describeErrorWithCode(error, debug, exitCodeFor(error));
}
