import { CliError, type OutputError } from "./errors.js";

/**
 * What a command's work did (created or changed) before it printed the result that confirms it:
 * told on stderr when stdout then fails, since that result was to be the only record of it.
 */
export interface DoneNote {
  /**
   * What was done, as the start of a sentence.
   */
  done: string;
  /**
   * What stdout was to receive.
   */
  unprinted: string;
}

/**
 * The error to report when stdout failed after a command's work was done: one line that says
 * what was done and why its result was not printed, with the failure's exit code (141 for a
 * closed stdout, 74 for another write error) and the failure as its cause.
 */
export function lostOutputError(note: DoneNote, failure: OutputError): CliError {
  const { cause } = failure;
  const why =
    failure.code !== "EPIPE" && cause instanceof Error && cause.message
      ? cause.message
      : failure.message;
  return new CliError(
    `${note.done}, but could not print ${note.unprinted}: ${why}`,
    failure.exitCode,
    { cause: failure },
  );
}
