/**
 * A stdout that cannot be written, as real processes: closed by its reader (EPIPE, what `| head
 * -1` does) or full (`> /dev/full`, ENOSPC). Never exit 0 unless the work finished and its output
 * was written: `run` cancels its job on EPIPE and exits 141; `list` exits 141 silently on EPIPE
 * and 74 with one line on ENOSPC; a finished `run --json` whose output is lost exits 74.
 */
import { spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  cliCommand,
  cliEnv,
  connect,
  expectOneErrorLine,
  root,
  spawnCli,
  useTestEmulator,
  type CliResult,
} from "../cli/helpers.js";

const emu = useTestEmulator();
const FULL = "/dev/full";

/** Runs the CLI with its stdout on `/dev/full`; resolves with its exit code and stderr. */
function runIntoFullDisk(args: readonly string[]): Promise<CliResult> {
  const [node = "node", ...nodeArgs] = cliCommand;
  const fd = openSync(FULL, "w");
  const child = spawn(node, [...nodeArgs, ...args], {
    cwd: root,
    env: cliEnv(),
    stdio: ["ignore", fd, "pipe"],
  });
  closeSync(fd);
  let stderr = "";
  child.stderr?.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  const killer = setTimeout(() => child.kill("SIGKILL"), 20_000);
  return new Promise((resolve) =>
    child.on("close", (code) => {
      clearTimeout(killer);
      resolve({ code, stdout: "", stderr });
    }),
  );
}

describe.concurrent("sieve-client with a stdout it cannot write", { timeout: 30_000 }, () => {
  it("run | head -1: the reader closes stdout, run cancels the job and exits 141", async () => {
    const cli = spawnCli(["run", "test/stream", ...connect(emu)]);
    await cli.waitFor("stdout", /^output 1 /m);
    cli.child.stdout?.destroy();
    const { code, stderr } = await cli.exited;
    const [, id] = /job (\S+)$/m.exec(stderr) ?? ["", "?"];
    expect(code).toBe(141);
    expect(stderr.trimEnd().split("\n").at(-1)).toBe(
      `sieve-client: stdout was closed; cancelled job ${id}`,
    );
    expect(emu.jobs.get(id)?.status).toBe("cancelled");
    expect(emu.requests.count({ method: "DELETE", path: `/jobs/${id}` })).toBe(1);
  });

  it("list with stdout closed exits 141 silently, as SIGPIPE would", async () => {
    const cli = spawnCli(["list", ...connect(emu)]);
    cli.child.stdout?.destroy();
    const { code, stderr } = await cli.exited;
    expect(code).toBe(141);
    expect(stderr).toBe("");
  });

  it("list > /dev/full: one line on stderr, no stack trace, exit 74", async () => {
    const { code, stderr } = await runIntoFullDisk(["list", ...connect(emu)]);
    expect(code).toBe(74);
    expectOneErrorLine(stderr, /^sieve-client: cannot write to stdout: ENOSPC: /);
  });

  it("run --json > /dev/full: the job finished but its output is lost, exit 74", async () => {
    const { code, stderr } = await runIntoFullDisk([
      "run",
      "test/echo",
      "--input",
      "text=hola",
      "--json",
      ...connect(emu),
    ]);
    expect(code).toBe(74);
    expect(stderr.trimEnd().split("\n").at(-1)).toMatch(
      /^sieve-client: cannot write to stdout: ENOSPC: /,
    );
    expect(stderr).not.toMatch(/^\s+at /m);
  });
});
