import type { ParsedCommandLine } from "./lib/args.js";
import { createCommandContext, effectiveBaseUrl } from "./lib/context.js";
import type { ExitCodeValue } from "./lib/exit-codes.js";
import { withBaseUrlHint } from "./lib/hints.js";
import type { CliIo } from "./lib/io.js";
import type { DoneNote } from "./lib/lost-output.js";
import type { Screen } from "./lib/screen.js";

/**
 * Runs a parsed command in its context and resolves with its exit code; a 404 from a base URL
 * that does not end in `/v2` gets a hint. Apart from `run-cli.ts` because it loads the client:
 * `--help`, `--version` and a usage error never do.
 */
export async function runParsedCommand(
  parsed: Extract<ParsedCommandLine, { kind: "command" }>,
  io: CliIo,
  screen: Screen,
  onDone: (note: DoneNote) => void,
): Promise<ExitCodeValue> {
  try {
    return await parsed.command.run(createCommandContext(parsed, io, screen, onDone));
  } catch (error) {
    throw withBaseUrlHint(error, effectiveBaseUrl(parsed.global, io.env));
  }
}
