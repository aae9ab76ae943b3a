import { commandOptionHelp, globalOptionHelp, type CommandSpec } from "./command-spec.js";

/**
 * `sieve-client --help`: the commands, the options, the input syntax and the exit codes.
 */
export function generalUsage(commands: readonly CommandSpec[]): string {
  return [
    "Usage: sieve-client <command> [arguments] [options]",
    "",
    "Commands:",
    ...columns(commands.map((c) => [[c.name, ...c.args].join(" "), c.summary])),
    "",
    "Options:",
    ...columns(globalOptionHelp.map((o) => [o.flag, o.text])),
    "",
    "Inputs (push, run): --input key=value (a string), key:=json (a JSON value),",
    "  key=@file.json (the JSON in a file); repeat --input for each input.",
    "",
    "Exit codes: 0 success (the job finished, the output written), 1 the job failed or",
    "  was cancelled (batch: a request did not finish), 2 usage or configuration error,",
    "  3 API, network or --timeout error, 4 run or batch stopped but a job may still be",
    "  running (the message says which, or to run `sieve-client list`), 70 a bug in",
    "  sieve-client, 74 writing to stdout (or --out) failed, 130 Ctrl-C, 141 stdout",
    "  closed, 143 SIGTERM (run and batch cancelled their jobs first, or created none).",
    "",
    "Try it without an API key: `sieve-client emulator` in one terminal, then the",
    "  `sieve-client run demo/dubbing ...` line it prints in another.",
    "Run `sieve-client <command> --help` for a command's options and examples.",
    "",
  ].join("\n");
}

/**
 * `sieve-client <command> --help`: its arguments, options and examples.
 */
export function commandUsage(command: CommandSpec): string {
  const own = command.options.map((name) => commandOptionHelp[name]);
  const synopsis = [
    "sieve-client",
    command.name,
    ...command.args,
    ...own.map((o) => `[${o.flag}]`),
    "[options]",
  ];
  return [
    `Usage: ${synopsis.join(" ")}`,
    "",
    `${command.summary}.`,
    "",
    "Options:",
    ...columns([...own, ...globalOptionHelp].map((o) => [o.flag, o.text])),
    "",
    "Examples:",
    ...command.examples.map((example) => `  sieve-client ${example}`),
    "",
  ].join("\n");
}

function columns(rows: ReadonlyArray<readonly [string, string]>): string[] {
  const width = Math.max(...rows.map(([left]) => left.length));
  return rows.map(([left, right]) => `  ${left.padEnd(width)}  ${right}`);
}
