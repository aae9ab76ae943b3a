import { createSieveClient, type SieveClient } from "../../node.js";
import type { CommandOptions, GlobalOptions } from "./options.js";
import { CliError } from "./errors.js";
import { ExitCode } from "./exit-codes.js";
import { toCliConfigError } from "./hints.js";
import type { CliIo } from "./io.js";
import type { DoneNote } from "./lost-output.js";
import { toJson } from "./output.js";
import type { Screen } from "./screen.js";

/** What a command runs with. */
export interface CommandContext {
  /** The positional arguments after the command's name. */
  args: readonly string[];
  options: CommandOptions;
  global: GlobalOptions;
  io: CliIo;
  screen: Screen;
  /**
   * Prints a command's result: `value` as JSON with `--json`, else the `pretty` lines.
   */
  emit(value: unknown, pretty: () => readonly string[]): void;
  /**
   * Records what the command's work did (created or changed), before printing the result that
   * confirms it: should stdout then fail, `runCli` says it on stderr, e.g. `sieve-client: pushed
   * job 3f1c, but could not print its id: stdout was closed` (exit 141, or 74). The last wins.
   */
  recordDone(note: DoneNote): void;
  /** The client, created on first use so that `emulator` and `--help` need no key. */
  client(): SieveClient;
}

/**
 * Builds a command's context. The key comes from `--api-key`, else `SIEVE_API_KEY`; the base URL
 * from `--base-url`, else `SIEVE_API_URL`, else the client's default. With `--debug` the
 * client logs each request and retry on stderr. A configuration error that names the client's
 * option `allowInsecureHttp` names the flag `--allow-insecure-http` instead. `onDone` receives
 * what `recordDone` records.
 */
export function createCommandContext(
  parsed: {
    command: { name: string };
    args: string[];
    global: GlobalOptions;
    options: CommandOptions;
  },
  io: CliIo,
  screen: Screen,
  onDone: (note: DoneNote) => void = () => undefined,
): CommandContext {
  let client: SieveClient | undefined;
  const { global } = parsed;
  return {
    args: parsed.args,
    options: parsed.options,
    global,
    io,
    screen,
    emit(value, pretty) {
      if (global.json) screen.out(toJson(value));
      else for (const line of pretty()) screen.out(line);
    },
    recordDone: onDone,
    client() {
      const apiKey = global.apiKey ?? io.env.SIEVE_API_KEY;
      if (!apiKey?.trim()) {
        throw new CliError(
          "no API key: pass --api-key or set SIEVE_API_KEY (your key is at https://www.sievedata.com/dashboard/settings)",
          ExitCode.usage,
        );
      }
      try {
        client ??= createSieveClient({
          apiKey,
          baseUrl: effectiveBaseUrl(global, io.env),
          allowInsecureHttp: global.allowInsecureHttp,
          logger: global.debug ? { debug: screen.err, warn: screen.err } : undefined,
        });
      } catch (error) {
        throw toCliConfigError(error);
      }
      return client;
    },
  };
}

/**
 * The base URL the client is given: `--base-url`, else `SIEVE_API_URL` when not empty, else
 * undefined (the client's default).
 */
export function effectiveBaseUrl(
  global: Pick<GlobalOptions, "baseUrl">,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  return global.baseUrl ?? (env.SIEVE_API_URL || undefined);
}
