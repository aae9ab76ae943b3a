/**
 * A stdout that cannot be written, as real processes: closed by its reader (EPIPE, what `| head
 * -1` does: the child's end of a socket destroyed, or a real shell pipe into `true`) or full
 * (`> /dev/full`, ENOSPC). Never exit 0 unless the work finished and its output was written:
 * `run` cancels its job on EPIPE and exits 141; `list` exits 141 silently on EPIPE and 74 with one
 * line on ENOSPC. A command whose work was done (`push`, `cancel`, a `run` whose job ended) says
 * it on stderr, since its stdout was to be the only record of it.
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
  runCliProcess,
  spawnWatched,
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

/** Runs `sieve-client ...args | true` in bash (a real pipe, closed by its reader at once). */
function runIntoTrue(args: readonly string[]): Promise<CliResult> {
  const script = 'set -o pipefail; "$@" | true';
  return spawnWatched("bash", ["-c", script, "bash", ...cliCommand, ...args], cliEnv(), 20_000)
    .exited;
}

/** Pushes a `test/forever` job with the CLI; resolves with its id. */
async function pushForever(): Promise<string> {
  const { code, stdout } = await runCliProcess(["push", "test/forever", ...connect(emu)]);
  expect(code).toBe(0);
  return stdout.trim();
}

const ENOSPC = "ENOSPC: no space left on device, write";
const pushedId = (stderr: string) => /pushed job (\S+),/.exec(stderr)?.[1] ?? "?";

describe.concurrent("sieve-client with a stdout it cannot write", { timeout: 30_000 }, () => {
  it("run | head -1: the reader closes stdout, run cancels the job and exits 141", async () => {
    const cli = spawnCli(["run", "test/stream-forever", ...connect(emu)]);
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
    const [, id] = /job (\S+) ended/.exec(stderr) ?? ["", "?"];
    expect(code).toBe(74);
    expect(stderr.trimEnd().split("\n").at(-1)).toBe(
      `sieve-client: job ${id} ended (finished), but could not print its outputs: ${ENOSPC}`,
    );
    expect(emu.jobs.get(id)?.status).toBe("finished");
    expect(stderr).not.toMatch(/^\s+at /m);
  });

  it("push | true: the job was created, so its id goes to stderr; exit 141", async () => {
    const { code, stderr } = await runIntoTrue([
      "push",
      "test/echo",
      "--input",
      "text=a",
      ...connect(emu),
    ]);
    const id = pushedId(stderr);
    expect(code).toBe(141);
    expect(stderr).toBe(
      `sieve-client: pushed job ${id}, but could not print its id: stdout was closed\n`,
    );
    expect(emu.jobs.get(id)).toBeDefined();
  });

  it("push > /dev/full: its id goes to stderr with the write error; exit 74", async () => {
    const args = ["push", "test/echo", "--input", "text=a", "--json", ...connect(emu)];
    const { code, stderr } = await runIntoFullDisk(args);
    const id = pushedId(stderr);
    expect(code).toBe(74);
    expectOneErrorLine(stderr, /^sieve-client: pushed job \S+, but could not print its id: /);
    expect(stderr).toContain(`could not print its id: ${ENOSPC}\n`);
    expect(emu.jobs.get(id)).toBeDefined();
  });

  it("cancel | true and cancel > /dev/full: stderr says the cancel was done", async () => {
    const [closed, full] = await Promise.all([pushForever(), pushForever()]);
    const piped = await runIntoTrue(["cancel", closed, ...connect(emu)]);
    expect(piped.code).toBe(141);
    expect(piped.stderr).toBe(
      `sieve-client: cancelled job ${closed}, but could not print the answer: stdout was closed\n`,
    );
    const disk = await runIntoFullDisk(["cancel", full, ...connect(emu)]);
    expect(disk.code).toBe(74);
    expectOneErrorLine(disk.stderr, new RegExp(`^sieve-client: cancelled job ${full}, but `));
    expect([emu.jobs.get(closed)?.status, emu.jobs.get(full)?.status]).toEqual([
      "cancelled",
      "cancelled",
    ]);
  });

  it("run --json | true: a closed pipe is seen only at the job's end; stderr names it", async () => {
    // Linux reports nothing on a pipe whose reader left until a write of at least one byte.
    const args = ["run", "test/slow", "--json", ...connect(emu)];
    const { code, stderr } = await runIntoTrue(args);
    const [, id] = /job (\S+) ended/.exec(stderr) ?? ["", "?"];
    expect(code).toBe(141);
    expect(stderr.trimEnd().split("\n").at(-1)).toBe(
      `sieve-client: job ${id} ended (finished), but could not print its outputs: stdout was closed`,
    );
    expect(emu.jobs.get(id)?.status).toBe("finished");
    expect(emu.requests.count({ method: "DELETE", path: `/jobs/${id}` })).toBe(0);
  });

  it("list | true (a read changes nothing) still exits 141 silently", async () => {
    const { code, stderr } = await runIntoTrue(["list", ...connect(emu)]);
    expect(code).toBe(141);
    expect(stderr).toBe("");
  });
});
