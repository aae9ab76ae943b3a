/**
 * A command whose work was done (a job pushed, a cancel accepted) but whose stdout failed says on
 * stderr what it did, with the failure's exit code; a read (`get`, `list`) stays silent on a
 * closed stdout. In this process, with a `fakeIo` whose `finishOutput` reports the failure; the
 * real process is in test/reliability/cli-stdout-errors.test.ts.
 */
import { describe, expect, it } from "vitest";
import { OutputError } from "../../src/cli/lib/errors.js";
import { ExitCode } from "../../src/cli/lib/exit-codes.js";
import { lostOutputError } from "../../src/cli/lib/lost-output.js";
import { runCli } from "../../src/cli/run-cli.js";
import { fakeIo } from "./fake-io.js";
import { connect, useTestEmulator } from "./helpers.js";

const emu = useTestEmulator();
const failure = (code: string, message: string) =>
  new OutputError(Object.assign(new Error(message), { code }));
const EPIPE = () => failure("EPIPE", "write EPIPE");
const ENOSPC = () => failure("ENOSPC", "ENOSPC: no space left on device, write");

describe("lostOutputError", () => {
  it.each([
    ["EPIPE", EPIPE(), "pushed job j1, but could not print its id: stdout was closed", 141],
    [
      "ENOSPC",
      ENOSPC(),
      "pushed job j1, but could not print its id: ENOSPC: no space left on device, write",
      74,
    ],
  ])("%s", (_name, error, message, code) => {
    const reported = lostOutputError({ done: "pushed job j1", unprinted: "its id" }, error);
    expect([reported.message, reported.exitCode, reported.cause]).toEqual([message, code, error]);
  });
});

describe("runCli with a stdout that failed", () => {
  it("push: the id goes to stderr, exit 141 (closed) or 74 (full)", async () => {
    for (const [outputFailure, why, code] of [
      [EPIPE(), "stdout was closed", ExitCode.outputClosed],
      [ENOSPC(), "ENOSPC: no space left on device, write", ExitCode.outputFailed],
    ] as const) {
      const io = fakeIo();
      io.outputFailure = outputFailure;
      expect(await runCli(["push", "test/echo", "--input", "text=a", ...connect(emu)], io)).toBe(
        code,
      );
      const id = io.out.trim();
      expect(emu.jobs.get(id)).toBeDefined();
      expect(io.err).toBe(`sieve-client: pushed job ${id}, but could not print its id: ${why}\n`);
    }
  });

  it("run: says which job ended, and how, when its outputs could not be printed", async () => {
    const io = fakeIo();
    io.outputFailure = EPIPE();
    const code = await runCli(["run", "test/echo", "--input", "text=a", ...connect(emu)], io);
    const id = /job (\S+) ended/.exec(io.err)?.[1] ?? "?";
    expect(code).toBe(ExitCode.outputClosed);
    expect(io.err.trimEnd().split("\n").at(-1)).toBe(
      `sieve-client: job ${id} ended (finished), but could not print its outputs: stdout was closed`,
    );
  });

  it("get: a read changes nothing, so a closed stdout stays silent", async () => {
    const { id } = emu.jobs.list()[0] ?? { id: "?" };
    const io = fakeIo();
    io.outputFailure = EPIPE();
    expect(await runCli(["get", id, ...connect(emu)], io)).toBe(ExitCode.outputClosed);
    expect(io.err).toBe("");
  });
});
