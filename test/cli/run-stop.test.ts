/**
 * What `run` says, and exits with, when it stops before its job ended: each `SieveRunAbortedError`
 * the client can reject with (built here directly) maps to one message and one documented exit
 * code. Then `run` and `wait` in this process with a fake client: the status line while a stopped
 * run waits for its push's answer, and what a second Ctrl-C reports (exit 4 at once).
 */
import { describe, expect, it } from "vitest";
import { parseCommandLine } from "../../src/cli/lib/args.js";
import { commands } from "../../src/cli/commands/index.js";
import { PUSH_GRACE_STATUS, runCommand } from "../../src/cli/commands/run.js";
import { describeRunStop, interruptedAgain } from "../../src/cli/commands/run-stop.js";
import { waitCommand } from "../../src/cli/commands/wait.js";
import { createCommandContext } from "../../src/cli/lib/context.js";
import { InterruptedError, OutputError } from "../../src/cli/lib/errors.js";
import { ExitCode } from "../../src/cli/lib/exit-codes.js";
import { createScreen } from "../../src/cli/lib/screen.js";
import {
  SieveCallbackError,
  SieveError,
  SieveRunAbortedError,
  SieveWaitTimeoutError,
  type CancelOutcome,
  type Job,
  type RunStopReason,
  type SieveClient,
} from "../../src/node.js";
import { fakeIo, type FakeIo } from "./fake-io.js";

const SIGINT = new InterruptedError("SIGINT");
const SIGTERM = new InterruptedError("SIGTERM");
const EPIPE = new OutputError(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
const ENOSPC = new OutputError(
  Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" }),
);
const cancelled: CancelOutcome = { status: "cancelled" };
const cancelFailed: CancelOutcome = {
  status: "failed",
  error: new SieveError("500 DELETE http://127.0.0.1/v2/jobs/j1: Internal Server Error"),
};

function stop(
  cause: unknown,
  jobId: string | undefined,
  cancellation: CancelOutcome,
  { reason = "aborted" as RunStopReason, jobMayExist = jobId !== undefined } = {},
) {
  return new SieveRunAbortedError({ reason, jobId, jobMayExist, cancellation, cause });
}

/** The cancel was refused: the job had already ended, in `jobStatus` (read after the refusal). */
const ended = (jobStatus: string): CancelOutcome => ({ status: "already-ended", jobStatus });
const notSent: CancelOutcome = { status: "not-attempted", reason: "nothing was sent" };
const unknownId: CancelOutcome = { status: "not-attempted", reason: "the push did not answer" };
const mayRun = "it may still be running (sieve-client cancel j1 stops it)";
const maybeCreated = "the push may have created a job; run `sieve-client list` to check";

describe("describeRunStop", () => {
  it.each([
    [stop(SIGINT, "j1", cancelled), "interrupted by SIGINT; cancelled job j1", 130],
    [stop(SIGTERM, "j1", cancelled), "interrupted by SIGTERM; cancelled job j1", 143],
    [stop(EPIPE, "j1", cancelled), "stdout was closed; cancelled job j1", 141],
    [
      stop(ENOSPC, "j1", cancelled),
      "cannot write to stdout: ENOSPC: no space left on device, write; cancelled job j1",
      74,
    ],
    [stop(SIGINT, undefined, notSent), "interrupted by SIGINT; no job was created", 130],
    [stop(SIGTERM, undefined, notSent), "interrupted by SIGTERM; no job was created", 143],
    [
      stop(SIGINT, "j1", cancelFailed),
      `interrupted by SIGINT; could not cancel job j1: 500 DELETE http://127.0.0.1/v2/jobs/j1: Internal Server Error; ${mayRun}`,
      4,
    ],
    [
      stop(EPIPE, "j1", cancelFailed),
      `stdout was closed; could not cancel job j1: 500 DELETE http://127.0.0.1/v2/jobs/j1: Internal Server Error; ${mayRun}`,
      4,
    ],
    [
      stop(SIGINT, "j1", ended("finished")),
      "interrupted by SIGINT; job j1 had already ended (finished)",
      130,
    ],
    [
      stop(SIGTERM, "j1", ended("error")),
      "interrupted by SIGTERM; job j1 had already ended (error)",
      143,
    ],
    [
      stop(EPIPE, "j1", ended("finished")),
      "stdout was closed; job j1 had already ended (finished)",
      141,
    ],
    [
      stop(ENOSPC, "j1", ended("cancelled")),
      "cannot write to stdout: ENOSPC: no space left on device, write; job j1 had already ended (cancelled)",
      74,
    ],
    [
      stop(new SieveWaitTimeoutError("j1", undefined, 700), "j1", ended("finished"), {
        reason: "timeout",
      }),
      "Gave up waiting for job j1 after 700 ms (no poll succeeded); job j1 had already ended (finished)",
      3,
    ],
    [
      stop(SIGINT, "j1", { status: "not-attempted", reason: "cancelOnAbort is false" }),
      `interrupted by SIGINT; job j1 was not cancelled (cancelOnAbort is false); ${mayRun}`,
      4,
    ],
    [
      stop(SIGINT, undefined, unknownId, { jobMayExist: true }),
      `interrupted by SIGINT; ${maybeCreated}`,
      4,
    ],
    [
      stop(new SieveWaitTimeoutError("j1", undefined, 700), "j1", cancelled, {
        reason: "timeout",
      }),
      "Gave up waiting for job j1 after 700 ms (no poll succeeded); cancelled job j1",
      3,
    ],
    [
      stop(new Error("timed out after 700 ms"), undefined, unknownId, {
        reason: "timeout",
        jobMayExist: true,
      }),
      `timed out after 700 ms; ${maybeCreated}`,
      4,
    ],
    [
      stop(new SieveCallbackError("onStatus", "j1", new Error("bug")), "j1", cancelled, {
        reason: "callback",
      }),
      "onStatus threw while waiting for job j1: bug; cancelled job j1",
      70,
    ],
  ])("%s", (error, message, code) => {
    const reported = describeRunStop(error);
    expect(reported.message).toBe(message);
    expect(reported.exitCode).toBe(code);
    expect(reported.cause).toBe(error);
  });

  it("a job that had already ended is never said to be running", () => {
    for (const cause of [SIGINT, EPIPE, ENOSPC])
      expect(describeRunStop(stop(cause, "j1", ended("finished"))).message).not.toMatch(
        /may still be running|sieve-client cancel/,
      );
  });

  it("the exit codes are distinct, and only outputClosed is 141", () => {
    const values = Object.values(ExitCode);
    expect(new Set(values).size).toBe(values.length);
    expect(Object.entries(ExitCode).filter(([, v]) => v === 141)).toEqual([["outputClosed", 141]]);
  });

  it("a second Ctrl-C says the job, or a job the push may have created, may still run", () => {
    expect(interruptedAgain("j1").message).toBe(
      "interrupted while cancelling; job j1 may still be running (sieve-client cancel j1 stops it)",
    );
    expect(interruptedAgain(undefined).message).toBe(
      `interrupted while waiting for the push to answer; ${maybeCreated}`,
    );
    expect(interruptedAgain(undefined).exitCode).toBe(ExitCode.mayBeRunning);
  });
});

/** A job as the fake client reports it. */
const job = (status: Job["status"]) => ({ id: "j1", status }) as Job;

type RunOptions = { signal: AbortSignal; onStatus: (job: Job) => void };

/** Runs `command` with a fake `jobs.run`/`jobs.wait` that `behave` controls. */
function start(
  command: typeof runCommand,
  argv: string[],
  behave: (options: RunOptions) => Promise<Job>,
): { io: FakeIo; done: Promise<unknown> } {
  const io = fakeIo();
  const parsed = parseCommandLine([...argv, "--api-key", "k"], commands);
  if (parsed.kind !== "command") throw new Error("not a command");
  const client = {
    jobs: {
      run: (_request: unknown, options: RunOptions) => behave(options),
      wait: (_id: string, options: RunOptions) => behave(options),
    },
  } as unknown as SieveClient;
  const ctx = { ...createCommandContext(parsed, io, createScreen(io)), client: () => client };
  return { io, done: command.run(ctx).catch((error: unknown) => error) };
}

/** A promise rejected with `error` once `signal` aborted and `release` was called. */
function rejectAfterAbort(signal: AbortSignal, error: () => unknown) {
  let release = () => {};
  const settled = new Promise<never>((_resolve, reject) => {
    release = () => reject(error());
  });
  return { settled, release: () => (signal.aborted ? release() : undefined) };
}

describe("run and wait interrupted, with a fake client", () => {
  it("run in its push grace: says it waits for the push; a second Ctrl-C exits 4", async () => {
    let release = () => {};
    const { io, done } = start(runCommand, ["run", "test/echo"], ({ signal }) => {
      const pending = rejectAfterAbort(signal, () =>
        stop(SIGINT, undefined, unknownId, { jobMayExist: true }),
      );
      release = pending.release;
      return pending.settled;
    });
    io.interrupt();
    expect(io.err).toMatch(new RegExp(`^${PUSH_GRACE_STATUS} +\\d+\\.\\ds$`, "m"));
    io.interrupt();
    expect(io.repeatExit).toBe(ExitCode.mayBeRunning);
    expect(io.err.trimEnd().split("\n").at(-1)).toBe(
      `sieve-client: interrupted while waiting for the push to answer; ${maybeCreated}`,
    );
    release();
    const error = (await done) as { message: string; exitCode: number };
    expect([error.message, error.exitCode]).toEqual([`interrupted by SIGINT; ${maybeCreated}`, 4]);
  });

  it("run cancelling a job it saw: 'cancelling'; a second Ctrl-C names the job, exit 4", async () => {
    const { io, done } = start(runCommand, ["run", "test/echo"], ({ signal, onStatus }) => {
      onStatus(job("processing"));
      const pending = rejectAfterAbort(signal, () => stop(SIGINT, "j1", cancelled));
      signal.addEventListener("abort", () => setTimeout(pending.release, 20));
      return pending.settled;
    });
    io.interrupt();
    expect(io.err).toMatch(/^cancelling +\d+\.\ds {2}job j1$/m);
    io.interrupt();
    expect(io.repeatExit).toBe(4);
    expect(io.err).toContain(
      "sieve-client: interrupted while cancelling; job j1 may still be running (sieve-client cancel j1 stops it)",
    );
    const error = (await done) as { message: string; exitCode: number };
    expect([error.message, error.exitCode]).toEqual([
      "interrupted by SIGINT; cancelled job j1",
      130,
    ]);
  });

  it("run whose client rejects with the bare signal reason: the job may still run (4)", async () => {
    const { io, done } = start(runCommand, ["run", "test/echo"], ({ signal, onStatus }) => {
      onStatus(job("queued"));
      return new Promise((_resolve, reject) =>
        signal.addEventListener("abort", () => reject(signal.reason as Error)),
      );
    });
    io.interrupt(EPIPE);
    const error = (await done) as { message: string; exitCode: number };
    expect([error.message, error.exitCode]).toEqual([
      "stdout was closed; job j1 may still be running (sieve-client cancel j1 stops it)",
      4,
    ]);
  });

  it("wait interrupted says it stopped waiting and did not cancel; no repeat handler", async () => {
    const { io, done } = start(waitCommand, ["wait", "j1"], ({ signal }) => {
      return new Promise((_resolve, reject) =>
        signal.addEventListener("abort", () => reject(signal.reason as Error)),
      );
    });
    io.interrupt(SIGTERM);
    const error = (await done) as { message: string; exitCode: number };
    expect([error.message, error.exitCode]).toEqual([
      "interrupted by SIGTERM; stopped waiting for job j1; it was not cancelled (sieve-client cancel j1 stops it)",
      143,
    ]);
    expect(io.err).toMatch(/^interrupted +\d+\.\ds {2}job j1$/m);
    io.interrupt(SIGTERM);
    expect(io.repeatExit).toBe(143);
  });
});
