import { ExitCode, type ExitCodeValue } from "./exit-codes.js";

/**
 * A failure the CLI reports as it is: one line on stderr and `exitCode`. `cause`, when given, is
 * what `--debug` prints the stack of.
 */
export class CliError extends Error {
  override name = "CliError";
  readonly exitCode: ExitCodeValue;

  constructor(message: string, exitCode: ExitCodeValue, options?: { cause?: unknown }) {
    super(message, options);
    this.exitCode = exitCode;
  }
}

/**
 * The command line itself is wrong: unknown command or option, a missing or extra argument, a
 * value that is not a number. `command` names the command whose `--help` to point to.
 */
export class UsageError extends CliError {
  override name = "UsageError";
  readonly command: string | undefined;

  constructor(message: string, command?: string) {
    super(message, ExitCode.usage);
    this.command = command;
  }
}

/**
 * SIGINT or SIGTERM arrived: the abort reason of a command's signal.
 */
export class InterruptedError extends CliError {
  override name = "InterruptedError";
  readonly signal: "SIGINT" | "SIGTERM";

  constructor(signal: "SIGINT" | "SIGTERM") {
    super(
      `interrupted by ${signal}`,
      signal === "SIGINT" ? ExitCode.interrupted : ExitCode.terminated,
    );
    this.signal = signal;
  }
}

/**
 * A write to stdout failed: EPIPE (the reader closed it, as `| head -1` does) or another error
 * (ENOSPC on a full disk...). The abort reason of a command's signal, like `InterruptedError`:
 * `run` cancels its job on it, then exits 141 (EPIPE) or 74.
 */
export class OutputError extends CliError {
  override name = "OutputError";
  /** The system error code, e.g. `EPIPE` or `ENOSPC`. */
  readonly code: string | undefined;

  constructor(error: NodeJS.ErrnoException) {
    const closed = error.code === "EPIPE";
    super(
      closed ? "stdout was closed" : `cannot write to stdout: ${error.message}`,
      closed ? ExitCode.outputClosed : ExitCode.outputFailed,
      { cause: error },
    );
    this.code = error.code;
  }
}

/** What stops a command early from outside: a signal, or a stdout that cannot be written. */
export type StopReason = InterruptedError | OutputError;

/**
 * Whether `value` is a `StopReason` (the reason a command's signal was aborted with).
 */
export function isStopReason(value: unknown): value is StopReason {
  return value instanceof InterruptedError || value instanceof OutputError;
}

/**
 * What to print on stderr for an error whose exit code is `exitCode` (see `exitCodeFor` in
 * `client-errors.ts`): one line `sieve-client: <message>`, and with `debug` the stack traces of
 * the error and of its causes after it.
 */
export function describeErrorWithCode(
  error: unknown,
  debug: boolean,
  exitCode: ExitCodeValue,
): string {
  const line = `sieve-client: ${oneLine(messageOf(error, debug, exitCode))}`;
  return debug ? `${line}\n${stackChain(error)}` : line;
}

function messageOf(error: unknown, debug: boolean, exitCode: ExitCodeValue): string {
  if (error instanceof UsageError) {
    const help = error.command ? `sieve-client ${error.command} --help` : "sieve-client --help";
    return `${error.message} (see ${help})`;
  }
  if (exitCode !== ExitCode.internal) return (error as Error).message;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return `unexpected error: ${text}${debug ? "" : " (run with --debug for the stack trace)"}`;
}

function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, " ").trim();
}

function stackChain(error: unknown): string {
  const stacks: string[] = [];
  for (let current = error, depth = 0; current !== undefined && depth < 5; depth++) {
    stacks.push(current instanceof Error ? (current.stack ?? String(current)) : String(current));
    current = current instanceof Error ? current.cause : undefined;
  }
  return stacks.join("\ncaused by: ");
}
