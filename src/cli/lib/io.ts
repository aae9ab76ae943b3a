import { InterruptedError, OutputError } from "./errors.js";
import type { ExitCodeValue } from "./exit-codes.js";

/** Where text goes: a stream's `write`, or a test's array. */
export interface TextSink {
  write(text: string): void;
}

/**
 * A signal aborted by SIGINT or SIGTERM (with an `InterruptedError`) or by a failed write to
 * stdout (with an `OutputError`), until disposed.
 */
export interface InterruptScope {
  readonly signal: AbortSignal;
  dispose(): void;
}

/** Options of `CliIo.onInterrupt`. */
export interface InterruptOptions {
  /**
   * Called on a second SIGINT/SIGTERM (the signal is already aborted): reports what is left
   * undone and returns the exit code; the process then exits at once. By default it exits
   * silently with the signal's code (130 or 143).
   */
  onRepeat?: () => ExitCodeValue;
}

/** What the CLI touches of its process: streams, terminal, environment, clock and signals. */
export interface CliIo {
  /** stdout; once a write to it failed, further writes are dropped. */
  stdout: TextSink;
  stderr: TextSink;
  /** Whether stderr, where the live status line goes, is a terminal. */
  stderrIsTTY: boolean;
  /** The terminal's width, when stderr is one. */
  columns(): number | undefined;
  env: Readonly<Record<string, string | undefined>>;
  now(): number;
  /** Starts listening for SIGINT, SIGTERM and stdout failures; a second signal exits at once. */
  onInterrupt(options?: InterruptOptions): InterruptScope;
  /** Resolves once stdout took every write: with the `OutputError` when one failed. */
  finishOutput(): Promise<OutputError | undefined>;
}

/**
 * The real process's I/O. A write to stdout that fails (EPIPE from `sieve-client run ... | head
 * -1`, ENOSPC from `> /dev/full`) never crashes the process: it aborts every interrupt scope with
 * an `OutputError` (so `run` cancels its job) and `finishOutput` reports it. A failing stderr is
 * ignored: there is nothing left to report it on.
 */
export function processIo(): CliIo {
  const scopes = new Set<AbortController>();
  let failure: OutputError | undefined;
  const fail = (error: NodeJS.ErrnoException): OutputError => {
    if (failure) return failure;
    failure = new OutputError(error);
    for (const controller of scopes) controller.abort(failure);
    return failure;
  };
  process.stdout.on("error", fail);
  process.stderr.on("error", () => undefined);
  return {
    stdout: { write: (text) => void (failure ?? process.stdout.write(text)) },
    stderr: process.stderr,
    stderrIsTTY: process.stderr.isTTY === true && process.env.TERM !== "dumb",
    columns: () => (process.stderr.isTTY ? process.stderr.columns : undefined),
    env: process.env,
    now: () => Date.now(),
    onInterrupt: (options) => listenForInterrupts(scopes, failure, options),
    finishOutput: () =>
      new Promise((resolve) => {
        if (failure) resolve(failure);
        else process.stdout.write("", (error) => resolve(error ? fail(error) : failure));
      }),
  };
}

function listenForInterrupts(
  scopes: Set<AbortController>,
  failure: OutputError | undefined,
  options: InterruptOptions = {},
): InterruptScope {
  const controller = new AbortController();
  scopes.add(controller);
  if (failure) controller.abort(failure);
  const handlers = (["SIGINT", "SIGTERM"] as const).map((name) => {
    const handler = () => {
      // A second signal while cleaning up (cancelling the job) means "now".
      if (controller.signal.aborted)
        process.exit(options.onRepeat?.() ?? new InterruptedError(name).exitCode);
      controller.abort(new InterruptedError(name));
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    dispose: () => {
      scopes.delete(controller);
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
