/**
 * `wait` and `run` as real processes against an emulator: the status lines written off a
 * terminal (one per status change), the outputs (streamed once each by `run`), the exit codes
 * of a failed job, a `--timeout` and a Ctrl-C, and what happens to the job each time.
 */
import { describe, expect, it } from "vitest";
import { renderStatusLine } from "../../src/cli/lib/status-line.js";
import { jobOutputs, type Job } from "../../src/node.js";
import { clientFor, untilStatus } from "../emulator/helpers.js";
import {
  connect,
  expectOneErrorLine,
  releaseGate,
  runCliProcess,
  spawnCli,
  useTestEmulator,
} from "./helpers.js";

const emu = useTestEmulator();

const push = async (fn: string) =>
  (await clientFor(emu).jobs.push({ function: fn, inputs: {} })).id;

/** The status lines of stderr, parsed back into status and elapsed seconds. */
function statusLines(stderr: string, jobId: string) {
  const pattern = new RegExp(`^(\\w+) +(\\d+\\.\\d)s  job ${jobId}$`);
  return stderr
    .split("\n")
    .filter((line) => line.endsWith(`job ${jobId}`))
    .map((line) => {
      const match = pattern.exec(line);
      expect(match, line).not.toBeNull();
      return { status: match?.[1], seconds: Number(match?.[2]) };
    });
}

describe.concurrent("sieve-client wait and run", { timeout: 30_000 }, () => {
  it("run writes one status line per change off a terminal, then the outputs", async () => {
    const { code, stdout, stderr } = await runCliProcess(["run", "test/slow", ...connect(emu)]);
    expect(code).toBe(0);
    expect(stderr).not.toContain("\r");
    const id = emu.jobs.list().find((job) => job.function === "test/slow")?.id ?? "?";
    const lines = statusLines(stderr, id);
    expect(lines.map((line) => line.status)).toEqual(["queued", "processing", "finished"]);
    const seconds = lines.map((line) => line.seconds);
    expect(seconds).toEqual([...seconds].sort((a, b) => a - b));
    expect(stderr.trimEnd().split("\n")).toHaveLength(3);
    expect(stdout).toBe('output 1 (str): "done"\n');
  });

  it("wait follows a job pushed before, then prints its outputs", async () => {
    const id = await push("test/gated");
    const cli = spawnCli(["wait", id, ...connect(emu)]);
    await cli.waitFor("stderr", /^processing /m);
    releaseGate(id);
    const { code, stdout, stderr } = await cli.exited;
    expect(code).toBe(0);
    expect(statusLines(stderr, id).map((line) => line.status)).toEqual(["processing", "finished"]);
    expect(stdout).toBe('output 1 (str): "released"\n');
  });

  it("run streams each output once, as it appears, and exits 0", async () => {
    const cli = spawnCli(["run", "test/stream", ...connect(emu)]);
    const firstOutputAt = cli.waitFor("stdout", /^output 1 /m).then(() => Date.now());
    const { code, stdout, stderr } = await cli.exited;
    expect(code).toBe(0);
    expect(stdout).toBe("output 1 (int): 1\noutput 2 (int): 2\noutput 3 (int): 3\n");
    const job = emu.jobs.list().find((j) => j.function === "test/stream");
    expect(job?.status).toBe("finished");
    expect(await firstOutputAt).toBeLessThan(job?.completedAt ?? 0);
    expect(statusLines(stderr, job?.id ?? "?").at(-1)?.status).toBe("finished");
  });

  it("run --json prints exactly one JSON document: the finished job", async () => {
    const { code, stdout } = await runCliProcess([
      "run",
      "test/echo",
      "--input",
      "text=hola",
      "--json",
      ...connect(emu),
    ]);
    expect(code).toBe(0);
    const job = JSON.parse(stdout) as Job;
    expect([job.status, jobOutputs(job).map((o) => o.data)]).toEqual(["finished", ["hola"]]);
  });

  it("a failed job: its outputs, then one error line, exit 1 (the job as JSON with --json)", async () => {
    const [pretty, json] = await Promise.all([
      runCliProcess(["run", "test/broken", ...connect(emu)]),
      runCliProcess(["run", "test/broken", "--json", ...connect(emu)]),
    ]);
    expect(pretty.code).toBe(1);
    expect(pretty.stdout).toBe('output 1 (str): "partial"\n');
    const lastLine = pretty.stderr.trimEnd().split("\n").at(-1);
    expectOneErrorLine(`${lastLine}\n`, /^sieve-client: Job \S+ failed: boom: out of memory$/);
    expect(pretty.stderr).not.toMatch(/^\s+at /m);
    expect(json.code).toBe(1);
    const job = JSON.parse(json.stdout) as Job;
    expect([job.status, job.error]).toEqual(["error", "boom: out of memory"]);
  });

  it("wait on a cancelled job exits 1", async () => {
    const id = await push("test/forever");
    await untilStatus(emu, id, ["processing"], 5_000);
    await clientFor(emu).jobs.cancel(id);
    const { code, stderr } = await runCliProcess(["wait", id, ...connect(emu)]);
    expect(code).toBe(1);
    expect(stderr.trimEnd().split("\n").at(-1)).toBe(`sieve-client: Job ${id} was cancelled`);
  });

  it("wait --timeout exits 3 and leaves the job running", async () => {
    const id = await push("test/forever");
    const started = Date.now();
    const { code, stderr } = await runCliProcess(["wait", id, "--timeout", "700", ...connect(emu)]);
    expect(code).toBe(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    expect(stderr.trimEnd().split("\n").at(-1)).toMatch(
      new RegExp(
        `^sieve-client: Gave up waiting for job ${id} after 700 ms .*; it was not cancelled \\(sieve-client cancel ${id} stops it\\)$`,
      ),
    );
    expect(emu.jobs.get(id)?.status).toBe("processing");
  });

  it("run --timeout exits 3 and cancels the job", async () => {
    const { code, stderr } = await runCliProcess([
      "run",
      "test/forever",
      "--timeout",
      "700",
      ...connect(emu),
    ]);
    expect(code).toBe(3);
    const id = /^\w+ +\S+  job (\S+)$/m.exec(stderr)?.[1] ?? "?";
    expect(stderr.trimEnd().split("\n").at(-1)).toMatch(new RegExp(`; cancelled job ${id}$`));
    expect(emu.jobs.get(id)?.status).toBe("cancelled");
  });

  it("Ctrl-C during run cancels the job and exits 130; during wait it leaves the job", async () => {
    const run = spawnCli(["run", "test/forever", ...connect(emu)]);
    const [, runId] = /^processing +\S+  job (\S+)$/m.exec(
      await run.waitFor("stderr", /^processing .* job \S+$/m),
    ) ?? ["", "?"];
    const id = await push("test/forever");
    const wait = spawnCli(["wait", id, ...connect(emu)]);
    await wait.waitFor("stderr", /^processing /m);
    run.child.kill("SIGINT");
    wait.child.kill("SIGINT");
    const [ran, waited] = await Promise.all([run.exited, wait.exited]);
    expect(ran.code).toBe(130);
    expect(ran.stderr).toMatch(/^cancelling +\S+  job /m);
    expectOneErrorLine(
      `${ran.stderr.trimEnd().split("\n").at(-1)}\n`,
      new RegExp(`^sieve-client: interrupted by SIGINT; cancelled job ${runId}$`),
    );
    expect(emu.jobs.get(runId)?.status).toBe("cancelled");
    expect(waited.code).toBe(130);
    expect(waited.stderr.trimEnd().split("\n").at(-1)).toBe(
      `sieve-client: interrupted by SIGINT; stopped waiting for job ${id}; it was not cancelled (sieve-client cancel ${id} stops it)`,
    );
    expect(emu.jobs.get(id)?.status).toBe("processing");
  });

  it("renders its status lines with renderStatusLine", () => {
    expect(renderStatusLine({ status: "queued", elapsedMs: 0, jobId: "abc" })).toMatch(
      /^(\w+) +(\d+\.\d)s  job abc$/,
    );
  });
});
