import { VERSION } from "../node.js";
import { parseCommandLine } from "./lib/args.js";
import { commands } from "./commands/index.js";
import { createCommandContext, effectiveBaseUrl } from "./lib/context.js";
import { describeError, exitCodeFor, OutputError } from "./lib/errors.js";
import { ExitCode, type ExitCodeValue } from "./lib/exit-codes.js";
import { withBaseUrlHint } from "./lib/hints.js";
import type { CliIo } from "./lib/io.js";
import { lostOutputError, type DoneNote } from "./lib/lost-output.js";
import { createScreen, type Screen } from "./lib/screen.js";
import { commandUsage, generalUsage } from "./lib/usage.js";

/**
 * Runs one `sieve-client` command line and resolves with its exit code; never throws. Errors
 * become one line on stderr (with stack traces under `--debug`). Exit 0 only once stdout took
 * every write: a closed stdout gives 141 (silently, as SIGPIPE would), another write error one
 * line and 74. A command whose work created or changed something (`push`, `cancel`, `run`) says
 * on stderr what it did when its stdout failed, even closed: `pushed job 3f1c, but could not
 * print its id: stdout was closed`.
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
    screen.err(describeError(error, debug));
    code = exitCodeFor(error);
  }
  const failure = await io.finishOutput();
  if (!failure || causedBy(failed, failure)) return code;
  if (done) screen.err(describeError(lostOutputError(done, failure), debug));
  else if (failure.code !== "EPIPE") screen.err(describeError(failure, debug));
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
    screen.out(VERSION);
    return ExitCode.ok;
  }
  if (parsed.kind === "help") {
    io.stdout.write(parsed.command ? commandUsage(parsed.command) : generalUsage(commands));
    return ExitCode.ok;
  }
  try {
    return await parsed.command.run(createCommandContext(parsed, io, screen, onDone));
  } catch (error) {
    throw withBaseUrlHint(error, effectiveBaseUrl(parsed.global, io.env));
  }
}

/** Whether `error` is `failure` or was caused by it (then its message already told). */
function causedBy(error: unknown, failure: OutputError): boolean {
  for (let current = error, depth = 0; current !== undefined && depth < 5; depth++) {
    if (current === failure) return true;
    current = current instanceof Error ? current.cause : undefined;
  }
  return false;
}
