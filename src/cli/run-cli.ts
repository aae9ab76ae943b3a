import { parseCommandLine } from "./lib/args.js";
import { commands } from "./commands/index.js";
import { CliError, describeErrorWithCode, type OutputError } from "./lib/errors.js";
import { ExitCode, type ExitCodeValue } from "./lib/exit-codes.js";
import type { CliIo } from "./lib/io.js";
import { lostOutputError, type DoneNote } from "./lib/lost-output.js";
import { createScreen, type Screen } from "./lib/screen.js";
import { commandUsage, generalUsage } from "./lib/usage.js";
import { cliVersion } from "./lib/version.js";

/**
 * Runs one `sieve-client` command line and resolves with its exit code; never throws. Errors
 * become one line on stderr (with stack traces under `--debug`). Exit 0 only once stdout took
 * every write: a closed stdout gives 141 (silently, as SIGPIPE would), another write error one
 * line and 74. A command whose work created or changed something (`push`, `cancel`, `run`) says
 * on stderr what it did when its stdout failed, even closed: `pushed job 3f1c, but could not
 * print its id: stdout was closed`. The client is loaded only to run a command (or to tell an
 * error that is no `CliError`): `--help`, `--version` and a usage error never load it.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  const screen = createScreen(io);
  const debug = argv.includes("--debug");
  let failed: unknown;
  let done: DoneNote | undefined;
  let code: ExitCodeValue;
  try {
    code = await runCommandLine(argv, io, screen, (note) => (done = note));
  } catch (error) {
    failed = error;
    code = await exitCodeOf(error);
    screen.err(describeErrorWithCode(error, debug, code));
  }
  const failure = await io.finishOutput();
  if (!failure || causedBy(failed, failure)) return code;
  if (done) {
    const lost = lostOutputError(done, failure);
    screen.err(describeErrorWithCode(lost, debug, lost.exitCode));
  } else if (failure.code !== "EPIPE") {
    screen.err(describeErrorWithCode(failure, debug, failure.exitCode));
  }
  return code === ExitCode.ok ? failure.exitCode : code;
}

async function runCommandLine(
  argv: readonly string[],
  io: CliIo,
  screen: Screen,
  onDone: (note: DoneNote) => void,
): Promise<ExitCodeValue> {
  if (argv.length === 0) {
    io.stderr.write(generalUsage(commands));
    return ExitCode.usage;
  }
  const parsed = parseCommandLine(argv, commands);
  if (parsed.kind === "version") {
    screen.out(await cliVersion());
    return ExitCode.ok;
  }
  if (parsed.kind === "help") {
    io.stdout.write(parsed.command ? commandUsage(parsed.command) : generalUsage(commands));
    return ExitCode.ok;
  }
  const { runParsedCommand } = await import("./run-command.js");
  return runParsedCommand(parsed, io, screen, onDone);
}

/** The exit code for `error`; only an error that is no `CliError` needs the client's classes. */
async function exitCodeOf(error: unknown): Promise<ExitCodeValue> {
  if (error instanceof CliError) return error.exitCode;
  return (await import("./lib/client-errors.js")).exitCodeFor(error);
}

/** Whether `error` is `failure` or was caused by it (then its message already told). */
function causedBy(error: unknown, failure: OutputError): boolean {
  for (let current = error, depth = 0; current !== undefined && depth < 5; depth++) {
    if (current === failure) return true;
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
}
