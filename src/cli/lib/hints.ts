import { SieveApiError, SieveConfigError } from "../../node.js";
import { exitCodeFor } from "./client-errors.js";
import { CliError } from "./errors.js";
import { ExitCode } from "./exit-codes.js";

/**
 * A 404 from a base URL whose path does not end in `/v2` is most likely a wrong base URL, not a
 * missing job: the error again, with a hint saying so. Any other error is returned as it is.
 */
export function withBaseUrlHint(error: unknown, baseUrl: string | undefined): unknown {
  if (!(error instanceof SieveApiError) || error.status !== 404 || baseUrl === undefined)
    return error;
  if (endsInV2(baseUrl)) return error;
  const hint = `the base URL usually ends in /v2: ${baseUrl} does not`;
  return new CliError(`${error.message} (${hint})`, exitCodeFor(error), { cause: error });
}

/**
 * The client's configuration error as the CLI's: where the client says to pass the option
 * `allowInsecureHttp`, the CLI names its flag `--allow-insecure-http`.
 */
export function toCliConfigError(error: unknown): unknown {
  if (!(error instanceof SieveConfigError) || !error.message.includes("allowInsecureHttp"))
    return error;
  const message = error.message.replace(/allowInsecureHttp(: ?true)?/g, "--allow-insecure-http");
  return new CliError(message, ExitCode.usage, { cause: error });
}

function endsInV2(baseUrl: string): boolean {
  try {
    return new URL(baseUrl).pathname.replace(/\/+$/, "").endsWith("/v2");
  } catch {
    return true;
  }
}
