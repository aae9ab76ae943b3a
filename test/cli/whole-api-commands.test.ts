/**
 * The commands of the whole API (issue 12) through the real `sieve-client` process against an
 * emulator: `logs [--follow]`, `cost`, `usage`, `concurrency`, `functions list`, `version`, each
 * pretty and with `--json`, and `logs --follow` stopped by Ctrl-C or a closed stdout.
 */
import { describe, expect, it } from "vitest";
import type {
  Concurrency,
  DetailedUsage,
  FunctionVersion,
  JobCost,
  JobLogLine,
  LogsResponse,
  SieveFunction,
} from "../../src/node.js";
import { clientFor, untilStatus } from "../emulator/helpers.js";
import {
  connect,
  expectOneErrorLine,
  runCliProcess,
  spawnCli,
  useTestEmulator,
} from "./helpers.js";

const emu = useTestEmulator();
const cli = (...args: string[]) => runCliProcess([...args, ...connect(emu)]);

async function finishedJob(fn = "test/echo"): Promise<string> {
  const { id } = await clientFor(emu).jobs.push({ function: fn, inputs: { text: "hola" } });
  await untilStatus(emu, id, undefined, 5_000);
  return id;
}

describe.concurrent("whole-API commands", { timeout: 30_000 }, () => {
  it("logs prints a finished job's lines oldest first; --json the answer", async () => {
    const id = await finishedJob();
    const pretty = await cli("logs", id);
    expect(pretty.code).toBe(0);
    const lines = pretty.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^\S+Z \[import\] /);
    expect(lines.at(-1)).toMatch(/\[run\] .*finished/);
    const json = await cli("logs", id, "--json");
    const answer = JSON.parse(json.stdout) as LogsResponse;
    expect(answer.data.flatMap((group) => group.logs)).toHaveLength(lines.length);
  });

  it("logs --follow prints each line once, as written, and exits 0 when the job ends", async () => {
    const { id } = await clientFor(emu).jobs.push({ function: "test/stream", inputs: {} });
    const { code, stdout, stderr } = await cli("logs", id, "--follow", "--json");
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as JobLogLine);
    const messages = lines.map((line) => line.message);
    expect(new Set(messages).size).toBe(messages.length);
    expect(messages.filter((message) => message.startsWith("Output"))).toHaveLength(3);
    expect(messages.at(-1)).toMatch(/finished/);
  });

  it("logs --follow stops on Ctrl-C with 130 and says the job goes on", async () => {
    const { id } = await clientFor(emu).jobs.push({ function: "test/forever", inputs: {} });
    const running = spawnCli(["logs", id, "--follow", ...connect(emu)]);
    await running.waitFor("stdout", /\[run\] .*started/);
    running.child.kill("SIGINT");
    const { code, stderr } = await running.exited;
    expect(code).toBe(130);
    expectOneErrorLine(stderr, /interrupted by SIGINT; stopped following the logs .*goes on/);
    expect(emu.jobs.get(id)?.status).toBe("processing");
    await clientFor(emu).jobs.cancel(id);
  });

  it("cost, usage and concurrency print the account's figures", async () => {
    const id = await finishedJob();
    const cost = JSON.parse((await cli("cost", id, "--json")).stdout) as JobCost;
    expect(cost).toMatchObject({ job_id: id, function_owner_name: "test", function_name: "echo" });
    expect((await cli("cost", id)).stdout).toMatch(/^cost\s+\$\d/m);
    const usage = JSON.parse((await cli("usage", "--json")).stdout) as DetailedUsage;
    expect(usage.total_compute_seconds).toBeGreaterThan(0);
    expect((await cli("usage")).stdout).toMatch(/^compute\s+[\d.]+ s$/m);
    const now = JSON.parse((await cli("concurrency", "--json")).stdout) as Concurrency;
    expect(now.max_concurrency).toBeGreaterThan(0);
    expect((await cli("concurrency")).stdout).toMatch(/^waiting for a slot\s+\d+$/m);
  });

  it("functions list and version read the functions", async () => {
    const listed = JSON.parse((await cli("functions", "list", "--json")).stdout) as SieveFunction[];
    expect(listed.map((fn) => `${fn.owner_name}/${fn.name}`)).toContain("test/echo");
    expect(
      (await cli("functions", "list", "--limit", "1")).stdout.trimEnd().split("\n"),
    ).toHaveLength(2);
    const latest = JSON.parse(
      (await cli("version", "test/echo", "latest", "--json")).stdout,
    ) as FunctionVersion;
    const byPrefix = JSON.parse(
      (await cli("version", "test/echo", latest.id.slice(0, 8), "--json")).stdout,
    ) as FunctionVersion;
    expect(byPrefix.id).toBe(latest.id);
  });

  it("errors: an unknown job, an unknown version, a missing argument", async () => {
    const logs = await cli("logs", "no-such-job");
    expect(logs.code).toBe(3);
    expectOneErrorLine(logs.stderr, /404 GET .*\/logs\?job_id=no-such-job/);
    const version = await cli("version", "test/echo", "zzzz");
    expect(version.code).toBe(3);
    expectOneErrorLine(version.stderr, /Function version not found/);
    const missing = await cli("version", "test/echo");
    expect(missing.code).toBe(2);
    const unknown = await cli("functions", "lst");
    expect(unknown.code).toBe(2);
  });
});
