import type { CliIo } from "../../src/cli/io.js";

/** A `CliIo` that records what the CLI writes; never a terminal, no signals. */
export function fakeIo(env: Record<string, string> = {}): CliIo & { out: string; err: string } {
  const io = {
    out: "",
    err: "",
    stdout: { write: (text: string) => void (io.out += text) },
    stderr: { write: (text: string) => void (io.err += text) },
    stderrIsTTY: false,
    columns: () => undefined,
    env,
    now: () => Date.now(),
    onInterrupt: () => ({ signal: new AbortController().signal, dispose: () => undefined }),
  };
  return io;
}
