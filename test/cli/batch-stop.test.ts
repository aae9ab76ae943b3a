/**
 * `sieve-client batch` stopped part-way, as a real process against the emulator: killed with
 * SIGKILL, then rerun twice with the same command (the journal next to `--out`): no request is
 * pushed twice, and the results file ends with every index once; Ctrl-C cancels the running
 * jobs, reports each, exits 130, and a rerun pushes only what never left; a closed stdout
 * (`| head -1`) cancels them too and exits 141.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it, vi } from "vitest";
import {
  indexesOf,
  parseResults,
  range,
  readResults,
  useBatchEmulator,
  writeRequests,
} from "./batch-helpers.js";
import { runCli } from "../../src/cli/run-cli.js";
import { ExitCode } from "../../src/cli/lib/exit-codes.js";
import { fakeIo } from "./fake-io.js";
import { connect, runCliProcess, spawnCli } from "./helpers.js";

const batch = useBatchEmulator();
const pushes = () => batch.emu.requests.count({ method: "POST", path: "/push" });
const journalSteps = async (path: string, type: string) =>
  (await readFile(path, "utf8").catch(() => "")).split(`"type":"${type}"`).length - 1;
const jobOf = (text: string) => batch.jobsOf(text).find((job) => job.inputs.text === text);

describe("sieve-client batch twice at once on one journal", () => {
  it("the second run refuses (exit 2, naming the first's process) and pushes nothing", async () => {
    const requests = await writeRequests(
      batch.dir(),
      "locked.jsonl",
      "locked-",
      Array(4).fill("batch/gated"),
    );
    const out = join(batch.dir(), "locked.out.jsonl");
    const args = ["batch", requests, "--concurrency", "2", "--out", out, ...connect(batch.emu)];
    const first = spawnCli(args);
    await vi.waitFor(() => expect(batch.jobsOf("locked-")).toHaveLength(2), { timeout: 15_000 });
    const before = pushes();
    const second = await runCliProcess(args, { timeoutMs: 30_000 });
    expect(second.code).toBe(ExitCode.usage);
    expect(second.stderr).toContain(`is in use by process ${first.child.pid}`);
    expect(pushes()).toBe(before);
    batch.releaseAll("locked-");
    expect((await first.exited).code).toBe(0);
    expect(indexesOf(await readResults(out))).toEqual(range(4));
  }, 60_000);
});

describe("sieve-client batch stopped part-way", () => {
  it("killed with SIGKILL, then rerun: nothing pushed twice, every index once", async () => {
    const requests = await writeRequests(
      batch.dir(),
      "kill.jsonl",
      "kill-",
      Array(8).fill("batch/gated"),
    );
    const out = join(batch.dir(), "kill.out.jsonl");
    const journal = `${out}.journal`;
    const args = ["batch", requests, "--concurrency", "3", "--out", out, ...connect(batch.emu)];
    const first = spawnCli(args);
    await vi.waitFor(() => expect(batch.jobsOf("kill-")).toHaveLength(3), { timeout: 15_000 });
    batch.release(jobOf("kill-0")?.id ?? "");
    // Index 0 reported, index 3 pushed in its place: 4 pushes, each answered and journalled.
    await vi.waitFor(
      async () => {
        expect(await journalSteps(journal, "pushed")).toBe(4);
        expect(await journalSteps(journal, "pushing")).toBe(4);
        expect(await journalSteps(journal, "ended")).toBe(1);
      },
      { timeout: 15_000, interval: 50 },
    );
    first.child.kill("SIGKILL");
    expect((await first.exited).code).toBeNull();
    expect(batch.jobsOf("kill-")).toHaveLength(4);
    await expect(readFile(out, "utf8")).rejects.toThrow(/ENOENT/);

    batch.releaseAll("kill-");
    const before = pushes();
    const rerun = await runCliProcess(args, { timeoutMs: 30_000 });
    expect(rerun.code).toBe(0);
    expect(pushes() - before).toBe(4);
    const results = await readResults(out);
    expect(indexesOf(results)).toEqual(range(8));
    const resumed = results.filter((result) => result.resumed).map((result) => result.index);
    expect(resumed.sort()).toEqual([0, 1, 2, 3]);
    expect(rerun.stderr).toContain("4 from the journal of an earlier run");

    const again = await runCliProcess(args, { timeoutMs: 30_000 });
    expect(again.code).toBe(0);
    expect(pushes() - before).toBe(4);
    const last = await readResults(out);
    expect(indexesOf(last)).toEqual(range(8));
    expect(last.every((result) => result.resumed && result.outcome === "finished")).toBe(true);

    const jobs = batch.jobsOf("kill-");
    expect(jobs.map((job) => job.inputs.text).sort()).toEqual(range(8).map((i) => `kill-${i}`));
    expect(new Set(last.map((result) => result.jobId))).toEqual(new Set(jobs.map((job) => job.id)));
  }, 90_000);

  it("Ctrl-C cancels the running jobs, reports each, exits 130; a rerun pushes only the rest", async () => {
    const requests = await writeRequests(
      batch.dir(),
      "int.jsonl",
      "int-",
      Array(5).fill("batch/gated"),
    );
    const out = join(batch.dir(), "int.out.jsonl");
    const args = ["batch", requests, "--concurrency", "3", "--out", out, ...connect(batch.emu)];
    const cli = spawnCli(args);
    await vi.waitFor(
      () => {
        const jobs = batch.jobsOf("int-");
        expect(jobs.map((job) => job.status)).toEqual(["processing", "processing", "processing"]);
      },
      { timeout: 15_000 },
    );
    await vi.waitFor(async () => expect(await journalSteps(`${out}.journal`, "pushed")).toBe(3));
    cli.child.kill("SIGINT");
    const { code, stderr } = await cli.exited;
    expect(code).toBe(130);

    const jobs = batch.jobsOf("int-");
    expect(jobs.map((job) => job.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
    const results = await readResults(out);
    expect(indexesOf(results)).toEqual([0, 1, 2]);
    for (const result of results) {
      expect(result).toMatchObject({
        outcome: "cancelled",
        error: { name: "SieveRunAbortedError" },
      });
      const id = result.jobId ?? "";
      expect(stderr).toContain(
        `item ${result.index}  cancelled  job ${id}: jobs.run was aborted (interrupted by SIGINT); cancelled job ${id}.\n`,
      );
    }
    expect(stderr.trimEnd().split("\n").at(-1)).toBe(
      `sieve-client: interrupted by SIGINT; 5 of 5 requests did not finish: 0 finished, 3 cancelled, 2 not started; results in ${out}; rerun the same command to resume (journal ${out}.journal)`,
    );

    batch.releaseAll("int-");
    const before = pushes();
    const rerun = await runCliProcess(args, { timeoutMs: 30_000 });
    expect(rerun.code).toBe(1);
    expect(pushes() - before).toBe(2);
    const after = await readResults(out);
    expect(indexesOf(after)).toEqual(range(5));
    expect(
      after
        .filter((r) => r.outcome === "finished")
        .map((r) => r.index)
        .sort(),
    ).toEqual([3, 4]);
    expect(after.filter((r) => r.outcome === "cancelled" && r.resumed)).toHaveLength(3);
  }, 90_000);

  it("a closed stdout (| head -1) cancels the running jobs and exits 141", async () => {
    const requests = await writeRequests(
      batch.dir(),
      "pipe.jsonl",
      "pipe-",
      Array(6).fill("batch/gated"),
    );
    const cli = spawnCli(["batch", requests, "--concurrency", "2", ...connect(batch.emu)]);
    await vi.waitFor(() => expect(batch.jobsOf("pipe-")).toHaveLength(2), { timeout: 15_000 });
    batch.release(jobOf("pipe-0")?.id ?? "");
    const firstLine = await cli.waitFor("stdout", /\n/);
    expect(parseResults(firstLine)).toMatchObject([{ index: 0, outcome: "finished" }]);
    cli.child.stdout?.destroy();
    await vi.waitFor(() => expect(batch.jobsOf("pipe-")).toHaveLength(3), { timeout: 15_000 });
    batch.release(jobOf("pipe-1")?.id ?? "");
    const { code, stderr } = await cli.exited;
    expect(code).toBe(141);

    const statuses = batch.jobsOf("pipe-").map((job) => [job.inputs.text, job.status]);
    expect(statuses.slice(0, 2)).toEqual([
      ["pipe-0", "finished"],
      ["pipe-1", "finished"],
    ]);
    expect(statuses.slice(2).every(([, status]) => status === "cancelled")).toBe(true);
    expect(statuses.length).toBeGreaterThanOrEqual(3);
    expect(stderr.trimEnd().split("\n").at(-1)).toMatch(
      /^sieve-client: stdout was closed; 4 of 6 requests did not finish: 2 finished, [12] cancelled, [23] not started; results on stdout; no journal: a rerun would push every request again \(give --out or --journal to resume\)$/,
    );
  }, 60_000);

  it("a second Ctrl-C while cancelling exits at once with 4, saying how many jobs may run", async () => {
    const requests = await writeRequests(
      batch.dir(),
      "twice.jsonl",
      "twice-",
      Array(3).fill("batch/gated"),
    );
    const io = fakeIo();
    const done = runCli(["batch", requests, "--concurrency", "2", ...connect(batch.emu)], io);
    await vi.waitFor(() => expect(batch.jobsOf("twice-")).toHaveLength(2), { timeout: 15_000 });
    await vi.waitFor(() => expect(io.err).toBe(""));
    io.interrupt();
    io.interrupt();
    expect(io.repeatExit).toBe(ExitCode.mayBeRunning);
    expect(io.err).toBe(
      "sieve-client: interrupted while cancelling; 2 jobs may still be running (sieve-client list --status processing shows them)\n",
    );
    // The fake process does not exit: the first Ctrl-C's cancel goes on to its end.
    expect(await done).toBe(ExitCode.interrupted);
    expect(batch.jobsOf("twice-").map((job) => job.status)).toEqual(["cancelled", "cancelled"]);
  }, 30_000);
});
