import type { ExitCodeValue } from "./exit-codes.js";
import type { CommandContext } from "./context.js";

/** The options only some commands take; the global ones (`--json`...) go with every command. */
export type CommandOptionName =
  | "input"
  | "status"
  | "limit"
  | "offset"
  | "timeout"
  | "port"
  | "follow"
  | "cors"
  | "allow-host"
  | "concurrency"
  | "out"
  | "journal";

/** What `sieve-client <name>` takes and does. */
export interface CommandSpec {
  /**
   * The command's name on the command line.
   */
  name: string;
  /**
   * The positional arguments it requires, as shown in its usage.
   */
  args: readonly string[];
  /**
   * The command-specific options it accepts.
   */
  options: readonly CommandOptionName[];
  /**
   * One line for `sieve-client --help`.
   */
  summary: string;
  /**
   * Command lines shown in its `--help` (without the leading `sieve-client`).
   */
  examples: readonly string[];
  /**
   * Runs the command and resolves with its exit code; throws for the error paths.
   */
  run(ctx: CommandContext): Promise<ExitCodeValue>;
}

/** How each command-specific option is spelled and described in the help. */
export const commandOptionHelp: Record<CommandOptionName, { flag: string; text: string }> = {
  input: {
    flag: "--input key=value",
    text: "an input, repeatable: key=value a string, key:=json a JSON value, key=@file.json a JSON file",
  },
  status: {
    flag: "--status <status>",
    text: "only jobs with this status: queued, processing, finished, error or cancelled",
  },
  limit: { flag: "--limit <n>", text: "how many to list (the API's default when omitted)" },
  offset: { flag: "--offset <n>", text: "how many to skip (the next_offset of the previous page)" },
  timeout: {
    flag: "--timeout <ms>",
    text: "give up after this many milliseconds (exit 3); run also cancels the job (exit 4 if it could not)",
  },
  port: { flag: "--port <n>", text: "the port on 127.0.0.1 (default: a free one)" },
  follow: {
    flag: "--follow",
    text: "keep printing new lines until the job ends (with --json: one JSON line each)",
  },
  cors: {
    flag: "--cors",
    text: "let web pages of any origin call it (CORS headers, preflights answered)",
  },
  "allow-host": {
    flag: "--allow-host <host>",
    text: "answer this Host name too (repeatable; .name for its subdomains); others get 403",
  },
  concurrency: {
    flag: "--concurrency <n>",
    text: "jobs in flight at once, 1 to 10000 (default: the organization's limit, at most 100)",
  },
  out: {
    flag: "--out <file>",
    text: "write the results there (JSON lines) instead of stdout; resumable through <file>.journal",
  },
  journal: {
    flag: "--journal <file>",
    text: "the journal that makes a rerun resume (default with --out: <file>.journal; else none)",
  },
};

/** The options every command takes, for the help. */
export const globalOptionHelp: ReadonlyArray<{ flag: string; text: string }> = [
  { flag: "--json", text: "machine output: exactly one JSON document on stdout" },
  { flag: "--api-key <key>", text: "the Sieve API key (default: $SIEVE_API_KEY)" },
  {
    flag: "--base-url <url>",
    text: "the API root (default: $SIEVE_API_URL, else https://mango.sievedata.com/v2)",
  },
  {
    flag: "--allow-insecure-http",
    text: "allow a plain http:// base URL to a remote host (the key crosses in clear text)",
  },
  { flag: "--debug", text: "stack traces on errors, and each request on stderr" },
  { flag: "-h, --help", text: "this help; a command's with `sieve-client help <command>`" },
  { flag: "--version", text: "print the version of sieve-client" },
];
