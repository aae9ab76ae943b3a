import { parseArgs } from "node:util";
import type { JobStatus } from "../../node.js";
import type { CommandOptionName, CommandSpec } from "./command-spec.js";
import { UsageError } from "./errors.js";
import type { CommandOptions, GlobalOptions } from "./options.js";

/** What a command line asks for. */
export type ParsedCommandLine =
  | { kind: "help"; command: CommandSpec | undefined }
  | { kind: "version" }
  | {
      kind: "command";
      command: CommandSpec;
      args: string[];
      global: GlobalOptions;
      options: CommandOptions;
    };

const optionConfig = {
  input: { type: "string", multiple: true },
  status: { type: "string" },
  limit: { type: "string" },
  offset: { type: "string" },
  timeout: { type: "string" },
  port: { type: "string" },
  cors: { type: "boolean" },
  "allow-host": { type: "string", multiple: true },
  follow: { type: "boolean" },
  concurrency: { type: "string" },
  out: { type: "string" },
  journal: { type: "string" },
  json: { type: "boolean" },
  debug: { type: "boolean" },
  "api-key": { type: "string" },
  "base-url": { type: "string" },
  "allow-insecure-http": { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean" },
} as const;

const globalNames = new Set([
  "json",
  "debug",
  "api-key",
  "base-url",
  "allow-insecure-http",
  "help",
  "version",
]);
/**
 * The API's known job statuses, named by the message for an empty `--status`: the client's
 * `knownJobStatusValues`, copied so that parsing a command line loads no part of the client (a
 * test keeps the two equal).
 */
export const KNOWN_JOB_STATUSES: readonly JobStatus[] = [
  "queued",
  "processing",
  "error",
  "finished",
  "cancelled",
];

/** setTimeout's longest delay (2^31 - 1 ms). */
const MAX_TIMEOUT_MS = 2_147_483_647;
/**
 * The most jobs `jobs.runAll` accepts in flight at once, its `MAX_CONCURRENCY`: repeated here
 * because the parser runs for `--version` and `--help`, which must not load the client
 * (args.test.ts checks that the two agree).
 */
export const MAX_BATCH_CONCURRENCY = 10_000;

/**
 * Parses `argv` (without `node` and the script) against the commands: the first positional is
 * the command (or `help`), the rest its arguments. Throws `UsageError` for an unknown command or
 * option, an option the command does not take, a wrong number of arguments, or a bad number.
 */
export function parseCommandLine(
  argv: readonly string[],
  commands: readonly CommandSpec[],
): ParsedCommandLine {
  const { values, positionals } = parseStrict(argv, commands);
  // A command of two words (`functions list`) is named by its first two positionals.
  const twoWords = positionals.length >= 2 ? `${positionals[0]} ${positionals[1]}` : "";
  const words = commands.some((spec) => spec.name === twoWords) ? 2 : 1;
  const name = words === 2 ? twoWords : positionals[0];
  const args = positionals.slice(words);
  if (name === "help")
    return { kind: "help", command: findCommand(commands, args.join(" ") || undefined) };
  const command = name === undefined ? undefined : findCommand(commands, name);
  if (values.help) return { kind: "help", command };
  if (values.version) return { kind: "version" };
  if (command === undefined) throw new UsageError("missing the command");
  checkOptionsAllowed(command, Object.keys(values));
  if (args.length !== command.args.length) {
    const missing = command.args.slice(args.length).join(" ");
    throw new UsageError(
      args.length < command.args.length
        ? `${command.name}: missing ${missing}`
        : `${command.name}: unexpected argument "${args[command.args.length]}"`,
      command.name,
    );
  }
  const where = command.name;
  return {
    kind: "command",
    command,
    args,
    global: {
      json: values.json === true,
      debug: values.debug === true,
      apiKey: values["api-key"],
      baseUrl: values["base-url"],
      allowInsecureHttp: values["allow-insecure-http"] === true,
    },
    options: {
      inputs: values.input ?? [],
      status: parseStatus(where, values.status),
      limit: parseInteger(where, "--limit", values.limit, 1),
      offset: parseInteger(where, "--offset", values.offset, 0),
      timeoutMs: parseInteger(where, "--timeout", values.timeout, 1, MAX_TIMEOUT_MS),
      port: parseInteger(where, "--port", values.port, 0, 65_535),
      follow: values.follow === true,
      cors: values.cors === true,
      allowHosts: values["allow-host"] ?? [],
      concurrency: parseInteger(
        where,
        "--concurrency",
        values.concurrency,
        1,
        MAX_BATCH_CONCURRENCY,
      ),
      out: parsePath(where, "--out", values.out),
      journal: parsePath(where, "--journal", values.journal),
    },
  };
}

function parseStrict(argv: readonly string[], commands: readonly CommandSpec[]) {
  try {
    return parseArgs({ args: [...argv], options: optionConfig, allowPositionals: true });
  } catch (error) {
    const command = argv.find((arg) => commands.some((spec) => spec.name === arg));
    throw new UsageError(describeParseError(error), command);
  }
}

/** Rewrites node:util's parse errors, which suggest `--` tricks, into a short reason. */
function describeParseError(error: unknown): string {
  const { code, message = String(error) } = error as { code?: string; message?: string };
  const option = /'(-[^' ]+)/.exec(message)?.[1] ?? "an option";
  if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") return `unknown option ${option}`;
  if (code !== "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") return message;
  if (message.includes("ambiguous"))
    return `${option} needs a value; write ${option}=<value> for one that starts with "-"`;
  return message.includes("argument missing")
    ? `${option} needs a value`
    : `${option} takes no value`;
}

function findCommand(
  commands: readonly CommandSpec[],
  name: string | undefined,
): CommandSpec | undefined {
  if (name === undefined) return undefined;
  const command = commands.find((spec) => spec.name === name);
  if (!command) throw new UsageError(`unknown command "${name}"`);
  return command;
}

function checkOptionsAllowed(command: CommandSpec, given: readonly string[]): void {
  const allowed = new Set<string>(command.options satisfies readonly CommandOptionName[]);
  const refused = given.find((key) => !globalNames.has(key) && !allowed.has(key));
  if (refused !== undefined)
    throw new UsageError(`${command.name} does not take --${refused}`, command.name);
}

function parseStatus(command: string, raw: string | undefined): JobStatus | undefined {
  if (raw === undefined) return undefined;
  if (raw.trim() === "") {
    throw new UsageError(
      `--status needs a status, e.g. ${KNOWN_JOB_STATUSES.join(", ")} (got "")`,
      command,
    );
  }
  return raw;
}

function parsePath(command: string, flag: string, raw: string | undefined): string | undefined {
  if (raw === undefined || raw.trim() !== "") return raw;
  throw new UsageError(`${flag} needs a file path (got "${raw}")`, command);
}

function parseInteger(
  command: string,
  flag: string,
  raw: string | undefined,
  min: number,
  max?: number,
): number | undefined {
  if (raw === undefined) return undefined;
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (value >= min && value <= (max ?? Number.MAX_SAFE_INTEGER)) return value;
  const range = max === undefined ? `${min} or more` : `from ${min} to ${max}`;
  throw new UsageError(`${flag} must be a whole number ${range} (got "${raw}")`, command);
}
