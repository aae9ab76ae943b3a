import { InterruptedError } from "./errors.js";

/** Where text goes: a stream's `write`, or a test's array. */
export interface TextSink {
  write(text: string): void;
}

/** A signal aborted by SIGINT or SIGTERM (with an `InterruptedError`) until disposed. */
export interface InterruptScope {
  readonly signal: AbortSignal;
  dispose(): void;
}

/** What the CLI touches of its process: streams, terminal, environment, clock and signals. */
export interface CliIo {
  stdout: TextSink;
  stderr: TextSink;
  /** Whether stderr, where the live status line goes, is a terminal. */
  stderrIsTTY: boolean;
  /** The terminal's width, when stderr is one. */
  columns(): number | undefined;
  env: Readonly<Record<string, string | undefined>>;
  now(): number;
  /** Starts listening for SIGINT and SIGTERM; a second signal exits at once. */
  onInterrupt(): InterruptScope;
}

/**
 * The real process's I/O. A closed stdout pipe (`sieve-client list | head -1`) ends the process
 * quietly instead of crashing on EPIPE.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), processIo());
 */
export function processIo(): CliIo {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on("error", (error: NodeJS.ErrnoException) => {
      if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
      throw error;
    });
  }
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stderrIsTTY: process.stderr.isTTY === true && process.env.TERM !== "dumb",
    columns: () => (process.stderr.isTTY ? process.stderr.columns : undefined),
    env: process.env,
    now: () => Date.now(),
    onInterrupt: listenForInterrupts,
  };
}

function listenForInterrupts(): InterruptScope {
  const controller = new AbortController();
  const handlers = (["SIGINT", "SIGTERM"] as const).map((name) => {
    const handler = () => {
      // A second Ctrl-C while cleaning up (cancelling the job) means "now".
      if (controller.signal.aborted) process.exit(new InterruptedError(name).exitCode);
      controller.abort(new InterruptedError(name));
    };
    process.on(name, handler);
    return [name, handler] as const;
  });
  return {
    signal: controller.signal,
    dispose: () => {
      for (const [name, handler] of handlers) process.off(name, handler);
    },
  };
}
