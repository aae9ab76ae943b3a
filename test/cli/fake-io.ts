import { InterruptedError, type OutputError } from "../../src/cli/lib/errors.js";
import type { CliIo, InterruptOptions } from "../../src/cli/lib/io.js";

/** What a `fakeIo` records, and the handles a test drives it with. */
export interface FakeIo extends CliIo {
  out: string;
  err: string;
  /** Aborts the current interrupt scope as a signal would (a second call is the "repeat"). */
  interrupt(reason?: InterruptedError | OutputError): void;
  /** The exit code a repeated interrupt asked for (undefined until one). */
  repeatExit: number | undefined;
  /** Makes `finishOutput` report this failure. */
  outputFailure: OutputError | undefined;
}

/** A `CliIo` that records what the CLI writes; never a terminal, signals only from the test. */
export function fakeIo(env: Record<string, string> = {}): FakeIo {
  let controller = new AbortController();
  let options: InterruptOptions = {};
  const io: FakeIo = {
    out: "",
    err: "",
    stdout: { write: (text: string) => void (io.out += text) },
    stderr: { write: (text: string) => void (io.err += text) },
    stderrIsTTY: false,
    columns: () => undefined,
    env,
    now: () => Date.now(),
    onInterrupt: (given = {}) => {
      controller = new AbortController();
      options = given;
      return { signal: controller.signal, dispose: () => undefined };
    },
    finishOutput: () => Promise.resolve(io.outputFailure),
    interrupt(reason = new InterruptedError("SIGINT")) {
      if (controller.signal.aborted) io.repeatExit = options.onRepeat?.() ?? reason.exitCode;
      else controller.abort(reason);
    },
    repeatExit: undefined,
    outputFailure: undefined,
  };
  return io;
}
