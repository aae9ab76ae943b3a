/**
 * What `batch` makes of `runAll`'s results, without a process: each result's line (outcome, job
 * id, whether a job may exist, the error's JSON), the summary and the exit code, and the results
 * file (written to `.partial`, then renamed; earlier results kept for the requests a stopped run
 * did not report; a failed write stops the batch with exit 74).
 */
import { mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  batchExitCode,
  countResult,
  describeSummary,
  emptySummary,
} from "../../src/cli/commands/batch/batch-summary.js";
import { toResultRecord, type ResultRecord } from "../../src/cli/commands/batch/result-record.js";
import { openResultsFile } from "../../src/cli/commands/batch/results-sink.js";
import { CliError, InterruptedError, UsageError } from "../../src/cli/lib/errors.js";
import { ExitCode } from "../../src/cli/lib/exit-codes.js";
import {
  SieveAmbiguousPushError,
  SieveError,
  SieveInputError,
  SieveJobCancelledError,
  SieveJobFailedError,
  SieveRunAbortedError,
  type BatchResult,
  type CancelOutcome,
} from "../../src/node.js";
import { makeJob, makeOutput } from "../support/job-fixtures.js";

const request = { function: "a/b", inputs: {} };
const SIGINT = new InterruptedError("SIGINT");

const finished = (index: number, resumed = false): BatchResult => {
  const job = makeJob("finished", [makeOutput(`out ${index}`)], { id: `job-${index}` });
  return { index, request, job, jobId: job.id, resumed };
};
const failed = (index: number, error: SieveError, jobId?: string, jobMayExist = true) =>
  ({ index, request, error, jobId, jobMayExist, resumed: false }) satisfies BatchResult;
const aborted = (jobId: string | undefined, cancellation: CancelOutcome, jobMayExist = true) =>
  new SieveRunAbortedError({ reason: "aborted", jobId, jobMayExist, cancellation, cause: SIGINT });

describe("toResultRecord", () => {
  it("gives a finished job's outputs", () => {
    expect(toResultRecord(finished(3, true))).toEqual({
      index: 3,
      outcome: "finished",
      jobId: "job-3",
      jobMayExist: true,
      resumed: true,
      outputs: [makeOutput("out 3")],
    });
  });

  it.each([
    ["a failed job", failed(1, new SieveJobFailedError(makeJob("error")), "job-1"), "failed"],
    [
      "a cancelled job",
      failed(1, new SieveJobCancelledError(makeJob("cancelled")), "job-1"),
      "cancelled",
    ],
    ["a bad request", failed(1, new SieveInputError("request", "bad"), undefined, false), "failed"],
    ["an ambiguous push", failed(1, new SieveAmbiguousPushError(1)), "ambiguous"],
    [
      "a job cancelled by Ctrl-C",
      failed(1, aborted("j", { status: "cancelled" }), "j"),
      "cancelled",
    ],
    [
      "a request stopped before its push",
      failed(
        1,
        aborted(undefined, { status: "not-attempted", reason: "x" }, false),
        undefined,
        false,
      ),
      "cancelled",
    ],
    [
      "a push stopped before its answer",
      failed(1, aborted(undefined, { status: "not-attempted", reason: "x" })),
      "ambiguous",
    ],
    [
      "a job stopped by Ctrl-C that had already ended",
      failed(1, aborted("j", { status: "already-ended", jobStatus: "finished" }), "j"),
      "cancelled",
    ],
    [
      "a job stopped by Ctrl-C whose cancel failed",
      failed(1, aborted("j", { status: "failed", error: new SieveError("500") }), "j"),
      "cancelled",
    ],
    [
      "a job that timed out",
      failed(
        1,
        new SieveRunAbortedError({
          reason: "timeout",
          jobId: "j",
          jobMayExist: true,
          cancellation: { status: "cancelled" },
          cause: undefined,
        }),
        "j",
      ),
      "failed",
    ],
  ] as const)("classifies %s", (_what, result, outcome) => {
    const record = toResultRecord(result);
    expect(record).toMatchObject({ index: 1, outcome, jobMayExist: result.jobMayExist });
    expect(record.jobId).toBe(result.jobId ?? null);
    expect(record.error).toEqual(result.error.toJSON());
    expect(record.error).toMatchObject({ name: result.error.name, message: result.error.message });
    expect(record).not.toHaveProperty("outputs");
  });
});

describe("the summary and the exit code", () => {
  const summarize = (results: BatchResult[], total = results.length) => {
    const summary = emptySummary(total);
    for (const result of results) countResult(summary, result, toResultRecord(result));
    return summary;
  };
  const places = { out: "out.jsonl", journal: "out.jsonl.journal" };

  it("exits 0 when every request finished", () => {
    const summary = summarize([finished(0), finished(1, true)]);
    expect(batchExitCode(summary, undefined)).toBe(ExitCode.ok);
    expect(describeSummary(summary, places, undefined)).toBe(
      "all 2 requests finished; 1 from the journal of an earlier run; results in out.jsonl",
    );
    expect(
      describeSummary(emptySummary(0), { out: undefined, journal: undefined }, undefined),
    ).toBe("no requests to run; results on stdout");
  });

  it("exits 1 when any failed, was cancelled or is ambiguous", () => {
    for (const error of [
      new SieveJobFailedError(makeJob("error")),
      new SieveJobCancelledError(makeJob("cancelled")),
      new SieveAmbiguousPushError(1),
    ]) {
      const summary = summarize([finished(0), failed(1, error)]);
      expect(batchExitCode(summary, undefined)).toBe(ExitCode.jobFailed);
    }
    const summary = summarize([finished(0), failed(1, new SieveAmbiguousPushError(1))]);
    expect(describeSummary(summary, places, undefined)).toBe(
      "1 of 2 requests did not finish: 1 finished, 1 ambiguous; results in out.jsonl",
    );
  });

  it("exits with the stop's code, or 4 when a job may still be running", () => {
    const cancelled = failed(1, aborted("j1", { status: "cancelled" }), "j1");
    const summary = summarize([finished(0), cancelled], 5);
    expect(batchExitCode(summary, SIGINT)).toBe(ExitCode.interrupted);
    expect(describeSummary(summary, places, SIGINT)).toBe(
      "interrupted by SIGINT; 4 of 5 requests did not finish: 1 finished, 1 cancelled, 3 not started; results in out.jsonl; rerun the same command to resume (journal out.jsonl.journal)",
    );
    const stuck = failed(
      2,
      aborted("j2", { status: "failed", error: new SieveError("500") }),
      "j2",
    );
    const worse = summarize([finished(0), cancelled, stuck], 3);
    expect(batchExitCode(worse, SIGINT)).toBe(ExitCode.mayBeRunning);
    expect(describeSummary(worse, { out: undefined, journal: undefined }, SIGINT)).toBe(
      "interrupted by SIGINT; 2 of 3 requests did not finish: 1 finished, 2 cancelled; 1 job may still be running (sieve-client list --status processing shows them); results on stdout; no journal: a rerun would push every request again (give --out or --journal to resume)",
    );
  });
});

describe("openResultsFile", () => {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "batch-results-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  const record = (index: number, outcome: ResultRecord["outcome"] = "finished"): ResultRecord => ({
    index,
    outcome,
    jobId: `job-${index}`,
    jobMayExist: true,
    resumed: false,
  });
  const lines = async (path: string) =>
    (await readFile(path, "utf8"))
      .trimEnd()
      .split("\n")
      .map((line) => JSON.parse(line) as ResultRecord);

  it("writes to .partial, then renames it over the results at the end", async () => {
    const out = join(dir, "out.jsonl");
    const sink = await openResultsFile(out, 2);
    sink.write(record(1));
    sink.write(record(0));
    await expect(readFile(out, "utf8")).rejects.toThrow(/ENOENT/);
    expect(await sink.finish()).toBeUndefined();
    expect(await lines(out)).toEqual([record(1), record(0)]);
    await expect(readFile(`${out}.partial`, "utf8")).rejects.toThrow(/ENOENT/);
    expect(sink.failed.aborted).toBe(false);
  });

  it("keeps an earlier result only for a request this run did not report, once", async () => {
    const out = join(dir, "out.jsonl");
    const earlier = [record(0, "cancelled"), record(2), record(2, "failed"), record(7), record(1)];
    await writeFile(out, `${earlier.map((r) => JSON.stringify(r)).join("\n")}\ntorn {"ind`);
    const sink = await openResultsFile(out, 4);
    sink.write(record(0));
    sink.write(record(3));
    await sink.finish();
    expect(await lines(out)).toEqual([record(0), record(3), record(2), record(1)]);
  });

  it("leaves the results as they were when discarded", async () => {
    const out = join(dir, "out.jsonl");
    await writeFile(out, `${JSON.stringify(record(0))}\n`);
    const sink = await openResultsFile(out, 1);
    sink.write(record(0, "failed"));
    await sink.discard();
    expect(await lines(out)).toEqual([record(0)]);
    await expect(readFile(`${out}.partial`, "utf8")).rejects.toThrow(/ENOENT/);
  });

  it("refuses a file it cannot open as a usage error", async () => {
    const error = await openResultsFile(join(dir, "no", "out.jsonl"), 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(
      /^cannot write the results to .*out\.jsonl\.partial: /,
    );
  });

  it("stops the batch with exit 74 when a write fails, and keeps the earlier results", async () => {
    const out = join(dir, "out.jsonl");
    await writeFile(out, `${JSON.stringify(record(0))}\n`);
    await symlink("/dev/full", `${out}.partial`);
    const sink = await openResultsFile(out, 1);
    sink.write(record(0, "failed"));
    const error = await sink.finish();
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ exitCode: ExitCode.outputFailed });
    expect((error as Error).message).toMatch(/^cannot write to .*out\.jsonl\.partial: ENOSPC/);
    expect(sink.failed.aborted).toBe(true);
    expect(sink.failed.reason).toBe(error);
    expect(await lines(out)).toEqual([record(0)]);
  });
});
