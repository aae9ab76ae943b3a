/**
 * `sieve-client batch` as a user runs it: the real CLI process on a requests file, against an
 * emulator whose organization may run 4 jobs at once. Each request is reported once, in the
 * results file (or stdout) and on stderr; the exit code says whether all finished; the
 * concurrency is never exceeded; a bad line sends nothing; stdin works; on a terminal a progress
 * bar is redrawn in place.
 */
import { spawn } from "node:child_process";
import { access, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLEAR_LINE } from "../../src/cli/lib/screen.js";
import {
  indexesOf,
  parseResults,
  range,
  readResults,
  useBatchEmulator,
  writeRequests,
} from "./batch-helpers.js";
import {
  cliCommand,
  cliEnv,
  connect,
  expectOneErrorLine,
  root,
  runCliProcess,
  spawnWatched,
} from "./helpers.js";

const ORG_LIMIT = 4;
const batch = useBatchEmulator(ORG_LIMIT);
const JOB_ID = "[0-9a-f-]{36}";
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/;

const run = (...args: string[]) =>
  runCliProcess(["batch", ...args, ...connect(batch.emu)], { timeoutMs: 30_000 });

describe("sieve-client batch", () => {
  it("runs every request, writes each index once, one stderr line per result, exit 0", async () => {
    const requests = await writeRequests(
      batch.dir(),
      "ok.jsonl",
      "ok-",
      Array(6).fill("batch/echo"),
    );
    const out = join(batch.dir(), "ok.out.jsonl");
    const { code, stdout, stderr } = await run(requests, "--concurrency", "3", "--out", out);
    expect(code).toBe(0);
    expect(stdout).toBe("");

    const results = await readResults(out);
    expect(indexesOf(results)).toEqual(range(6));
    for (const result of results) {
      expect(result).toMatchObject({ outcome: "finished", jobMayExist: true, resumed: false });
      expect(result.outputs?.map((output) => output.data)).toEqual([`ok-${result.index}`]);
      expect(batch.emu.jobs.get(result.jobId ?? "")?.inputs.text).toBe(`ok-${result.index}`);
    }
    const lines = stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(7);
    expect(lines.slice(0, 6).sort()).toEqual(
      results.map((result) => `item ${result.index}  finished   job ${result.jobId ?? ""}`).sort(),
    );
    expect(lines[6]).toBe(`all 6 requests finished; results in ${out}`);
    expect(stderr).not.toMatch(CONTROL);
    expect(batch.jobsOf("ok-")).toHaveLength(6);
    await expect(access(`${out}.journal`)).resolves.toBeUndefined();
    await expect(access(`${out}.partial`)).rejects.toThrow(/ENOENT/);
  }, 40_000);

  it("exits 1 when a function fails, and says which request and why", async () => {
    const fns = ["batch/echo", "batch/broken", "batch/echo"];
    const requests = await writeRequests(batch.dir(), "fail.jsonl", "fail-", fns);
    const out = join(batch.dir(), "fail.out.jsonl");
    const { code, stderr } = await run(requests, "--out", out);
    expect(code).toBe(1);

    const results = await readResults(out);
    expect(indexesOf(results)).toEqual(range(3));
    const broken = results.find((result) => result.index === 1);
    expect(broken).toMatchObject({
      outcome: "failed",
      jobMayExist: true,
      error: { name: "SieveJobFailedError", message: expect.stringContaining("boom") },
    });
    const id = broken?.jobId ?? "";
    expect(id).toMatch(new RegExp(`^${JOB_ID}$`));
    expect(stderr).toContain(`item 1  failed     job ${id}: Job ${id} failed: boom\n`);
    expect(stderr.trimEnd().split("\n").at(-1)).toBe(
      `sieve-client: 1 of 3 requests did not finish: 2 finished, 1 failed; results in ${out}`,
    );
  }, 40_000);

  it("never has more than --concurrency jobs in flight, nor the organization's limit by default", async () => {
    const fns = Array<string>(12).fill("batch/echo");
    const given = await writeRequests(batch.dir(), "c3.jsonl", "c3-", fns);
    const three = batch.trackInFlight("c3-");
    const first = await run(given, "--concurrency", "3", "--out", join(batch.dir(), "c3.out"));
    expect(first.code).toBe(0);
    expect(three.max()).toBe(3);

    const byDefault = await writeRequests(batch.dir(), "cd.jsonl", "cd-", fns);
    const org = batch.trackInFlight("cd-");
    const second = await run(byDefault, "--out", join(batch.dir(), "cd.out"));
    expect(second.code).toBe(0);
    expect(org.max()).toBe(ORG_LIMIT);
    expect(batch.jobsOf("cd-")).toHaveLength(12);
  }, 60_000);

  it("refuses a bad line before sending anything (usage error naming the line)", async () => {
    const requests = join(batch.dir(), "bad.jsonl");
    const good = JSON.stringify({ function: "batch/echo", inputs: { text: "bad-0" } });
    await writeFile(requests, `${good}\n\n{"function":"batch/echo"}\n${good}\n`);
    const out = join(batch.dir(), "bad.out.jsonl");
    const pushes = batch.emu.requests.count({ method: "POST", path: "/push" });
    const { code, stdout, stderr } = await run(requests, "--out", out);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expectOneErrorLine(
      stderr,
      /^sieve-client: .*bad\.jsonl line 3: Invalid request\.inputs: expected an object \(or array\) of the function's inputs, got nothing \(see sieve-client batch --help\)$/,
    );
    expect(batch.emu.requests.count({ method: "POST", path: "/push" })).toBe(pushes);
    await expect(access(out)).rejects.toThrow(/ENOENT/);
    await expect(access(`${out}.partial`)).rejects.toThrow(/ENOENT/);

    const zero = await run(requests, "--concurrency", "0");
    expect(zero.code).toBe(2);
    expectOneErrorLine(
      zero.stderr,
      /--concurrency must be a whole number from 1 to 10000 \(got "0"\)/,
    );
  }, 40_000);

  it("stops before pushing anything when the API key is refused (exit 3)", async () => {
    const requests = await writeRequests(batch.dir(), "key.jsonl", "key-", [
      "batch/echo",
      "batch/echo",
    ]);
    const pushes = batch.emu.requests.count({ method: "POST", path: "/push" });
    const args = ["batch", requests, "--api-key", "wrong", "--base-url", batch.emu.url];
    const { code, stdout, stderr } = await runCliProcess(args);
    expect(code).toBe(3);
    expect(stdout).toBe("");
    expectOneErrorLine(
      stderr,
      /^sieve-client: 401 GET http:\/\/127\.0\.0\.1:\d+\/v2\/user\/concurrency: Unauthorized[^;]*; 2 of 2 requests did not finish: 0 finished, 2 not started; results on stdout; no journal: /,
    );
    expect(batch.emu.requests.count({ method: "POST", path: "/push" })).toBe(pushes);
  }, 30_000);

  it("reads the requests from stdin with -, and writes the results to stdout", async () => {
    const lines = ["a", "b"].map((text) =>
      JSON.stringify({ function: "batch/echo", inputs: { text: `stdin-${text}` } }),
    );
    const [node = "node", ...nodeArgs] = cliCommand;
    const child = spawn(node, [...nodeArgs, "batch", "-", ...connect(batch.emu)], {
      cwd: root,
      env: cliEnv(),
      stdio: ["pipe", "pipe", "pipe"],
    });
    child.stdin.end(`${lines.join("\n")}\n`);
    let stdout = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    const code = await new Promise((resolve) => child.on("close", resolve));
    expect(code).toBe(0);
    const results = parseResults(stdout);
    expect(indexesOf(results)).toEqual([0, 1]);
    expect(results.map((r) => r.outputs?.[0]?.data).sort()).toEqual(["stdin-a", "stdin-b"]);
  }, 30_000);

  it("draws a progress bar in place on a terminal, the failures above it", async () => {
    const fns = [...Array<string>(9).fill("batch/echo"), "batch/broken"];
    const requests = await writeRequests(batch.dir(), "tty.jsonl", "tty-", fns);
    const out = join(batch.dir(), "tty.out.jsonl");
    const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;
    const args = ["batch", requests, "--concurrency", "2", "--out", out, ...connect(batch.emu)];
    const command = `stty cols 200; ${[...cliCommand, ...args].map(quote).join(" ")}`;
    const cli = spawnWatched("/usr/bin/script", ["-qfec", command, "/dev/null"], cliEnv(), 40_000);
    const { code, stdout } = await cli.exited;
    expect(code).toBe(1);

    const draws = stdout.split(CLEAR_LINE).map((draw) => draw.replace(/\r?\n[^]*$/, ""));
    const bars = draws.filter((draw) => draw.startsWith("["));
    expect(bars.length).toBeGreaterThanOrEqual(5);
    const ended = bars.map((bar) => Number(/\] (\d+)\/10 /.exec(bar)?.[1]));
    expect(ended).toEqual([...ended].sort((a, b) => a - b));
    expect(bars[0]).toMatch(/^\[░+\] 0\/10  10 queued  0 running /);
    expect(bars.at(-1)).toMatch(
      /^\[█+\] 10\/10  0 queued  0 running  9 finished  1 failed  0 cancelled  \d+(\.\d)? jobs\/s  ETA 0s  \d+\.\ds$/,
    );
    expect(stdout).toMatch(
      new RegExp(`item 9  failed     job ${JOB_ID}: Job ${JOB_ID} failed: boom`),
    );
    expect(stdout).not.toMatch(/item \d  finished/);
    expect(stdout).toContain(`sieve-client: 1 of 10 requests did not finish: 9 finished, 1 failed`);
  }, 50_000);
});
