import { VERSION } from "../node.js";
import { parseCommandLine } from "./args.js";
import { commands } from "./commands/index.js";
import { createCommandContext } from "./context.js";
import { describeError, exitCodeFor } from "./errors.js";
import { ExitCode, type ExitCodeValue } from "./exit-codes.js";
import type { CliIo } from "./io.js";
import { createScreen } from "./screen.js";
import { commandUsage, generalUsage } from "./usage.js";

/**
 * Runs one `sieve-client` command line and resolves with its exit code; never throws. Errors
 * become one line on stderr (with stack traces under `--debug`).
 *
 * @example
 * process.exitCode = await runCli(["get", jobId, "--json"], processIo());
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCodeValue> {
  const screen = createScreen(io);
  const debug = argv.includes("--debug");
  if (argv.length === 0) {
    io.stderr.write(generalUsage(commands));
    return ExitCode.usage;
  }
  try {
    const parsed = parseCommandLine(argv, commands);
    if (parsed.kind === "version") {
      screen.out(VERSION);
      return ExitCode.ok;
    }
    if (parsed.kind === "help") {
      io.stdout.write(parsed.command ? commandUsage(parsed.command) : generalUsage(commands));
      return ExitCode.ok;
    }
    return await parsed.command.run(createCommandContext(parsed, io, screen));
  } catch (error) {
    screen.err(describeError(error, debug));
    return exitCodeFor(error);
  }
}
