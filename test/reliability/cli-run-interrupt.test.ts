/**
 * `run` stopped by Ctrl-C as a real process, against an emulator of its own per test (each queues
 * faults): during the push (it waits for the push's answer, then cancels the job it created),
 * a second Ctrl-C during that wait or during the cancel (exit 4 at once, saying what may still
 * run), a push that never answers, and a cancel that fails. Each checks what the emulator
 * received (pushes, cancels) and what became of the job.
 */
import { afterAll, describe, expect, it } from "vitest";
import { PUSH_GRACE_STATUS } from "../../src/cli/commands/run.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { connect, spawnCli, testFunctions, type RunningCli } from "../cli/helpers.js";

const opened: Emulator[] = [];
afterAll(async () => {
  await Promise.all(opened.splice(0).map((emu) => emu.close()));
});

async function emulator(): Promise<Emulator> {
  const emu = await startEmulator({ functions: testFunctions });
  opened.push(emu);
  return emu;
}

const push = { method: "POST", path: "/push" } as const;
const cancels = { method: "DELETE" } as const;
const lastLine = (text: string) => text.trimEnd().split("\n").at(-1);
const maybeCreated = "the push may have created a job; run `sieve-client list` to check";

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Starts `run test/forever` and sends SIGINT once the push has reached the emulator. */
async function interruptDuringPush(emu: Emulator): Promise<RunningCli> {
  const cli = spawnCli(["run", "test/forever", ...connect(emu)]);
  await until(() => emu.requests.count(push) === 1);
  cli.child.kill("SIGINT");
  await cli.waitFor("stderr", new RegExp(`^${PUSH_GRACE_STATUS} `, "m"));
  return cli;
}

describe.concurrent("sieve-client run interrupted", { timeout: 30_000 }, () => {
  it("Ctrl-C during the push: waits for its answer, cancels the job, exits 130", async () => {
    const emu = await emulator();
    emu.faults.next({ latencyMs: 1_500, matching: push });
    const { code, stderr } = await (await interruptDuringPush(emu)).exited;
    const [job] = emu.jobs.list();
    expect(code).toBe(130);
    expect(lastLine(stderr)).toBe(`sieve-client: interrupted by SIGINT; cancelled job ${job?.id}`);
    expect(job?.status).toBe("cancelled");
    expect([emu.requests.count(push), emu.requests.count(cancels)]).toEqual([1, 1]);
  });

  it("a second Ctrl-C while waiting for the push exits 4 at once: a job may exist", async () => {
    const emu = await emulator();
    emu.faults.next({ latencyMs: 8_000, matching: push });
    const cli = await interruptDuringPush(emu);
    const again = Date.now();
    cli.child.kill("SIGINT");
    const { code, stderr } = await cli.exited;
    expect(code).toBe(4);
    expect(Date.now() - again).toBeLessThan(2_000);
    expect(lastLine(stderr)).toBe(
      `sieve-client: interrupted while waiting for the push to answer; ${maybeCreated}`,
    );
    expect(emu.requests.count(cancels)).toBe(0);
  });

  it("a push that fails without an answer after Ctrl-C: a job may exist, exit 4", async () => {
    const emu = await emulator();
    emu.faults.next({ latencyMs: 1_000, drop: "before-response", matching: push });
    const { code, stderr } = await (await interruptDuringPush(emu)).exited;
    expect(code).toBe(4);
    expect(lastLine(stderr)).toBe(`sieve-client: interrupted by SIGINT; ${maybeCreated}`);
    expect(emu.requests.count(push)).toBe(1);
    expect(emu.requests.count(cancels)).toBe(0);
  });

  it("a cancel that fails: 'could not cancel job X: ...; it may still be running', exit 4", async () => {
    const emu = await emulator();
    const cli = spawnCli(["run", "test/forever", ...connect(emu)]);
    const [, id] = /^processing +\S+ {2}job (\S+)$/m.exec(
      await cli.waitFor("stderr", /^processing .* job \S+$/m),
    ) ?? ["", "?"];
    emu.faults.next({ status: 500, times: 10, retryAfter: 0, matching: cancels });
    cli.child.kill("SIGINT");
    const { code, stderr } = await cli.exited;
    expect(code).toBe(4);
    expect(lastLine(stderr)).toMatch(
      new RegExp(
        `^sieve-client: interrupted by SIGINT; could not cancel job ${id}: .*500.*; it may still be running \\(sieve-client cancel ${id} stops it\\)$`,
      ),
    );
    expect(emu.jobs.get(id)?.status).toBe("processing");
    expect(emu.requests.count(cancels)).toBeGreaterThanOrEqual(1);
  });

  it("a second Ctrl-C while cancelling exits 4 at once, naming the job", async () => {
    const emu = await emulator();
    const cli = spawnCli(["run", "test/forever", ...connect(emu)]);
    const [, id] = /^processing +\S+ {2}job (\S+)$/m.exec(
      await cli.waitFor("stderr", /^processing .* job \S+$/m),
    ) ?? ["", "?"];
    emu.faults.next({ latencyMs: 8_000, matching: cancels });
    cli.child.kill("SIGINT");
    await cli.waitFor("stderr", /^cancelling /m);
    await until(() => emu.requests.count(cancels) === 1);
    const again = Date.now();
    cli.child.kill("SIGINT");
    const { code, stderr } = await cli.exited;
    expect(code).toBe(4);
    expect(Date.now() - again).toBeLessThan(2_000);
    expect(lastLine(stderr)).toBe(
      `sieve-client: interrupted while cancelling; job ${id} may still be running (sieve-client cancel ${id} stops it)`,
    );
  });
});
