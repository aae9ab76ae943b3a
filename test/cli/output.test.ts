import { describe, expect, it } from "vitest";
import {
  formatFunction,
  formatJob,
  formatJobTable,
  formatOutput,
  formatVersions,
  toJson,
} from "../../src/cli/lib/output.js";
import { makeJob, makeOutput } from "../support/job-fixtures.js";
import { functionVersion, job, sieveFunction } from "../support/fixtures.js";

describe("output formatting", () => {
  it("prints each output on one line with its type, data as JSON", () => {
    expect(formatOutput(makeOutput("hola\nadiós"), 2)).toBe('output 2 (str): "hola\\nadiós"');
    expect(formatOutput({ data: { url: "https://x.test/a.mp4" } }, 1)).toBe(
      'output 1: {"url":"https://x.test/a.mp4"}',
    );
    expect(formatOutput({ type: "str" }, 3)).toBe("output 3 (str): null");
  });

  it("prints a job as aligned fields, inputs and outputs", () => {
    expect(formatJob(job)).toEqual([
      `id                     ${job.id}`,
      "function               sieve/dubbing",
      "status                 finished",
      "created                2024-12-15T01:41:59.195000",
      "started                2024-12-15T01:42:01.000000",
      "completed              2024-12-15T01:43:10.500000",
      'input target_language  "spanish"',
      'output 1: {"url":"https://storage.test/out.mp4"}',
    ]);
    const failed = formatJob(makeJob("error", [], { function: null }));
    expect(failed).toContain("function   fn-1");
    expect(failed).toContain("error      CUDA out of memory");
    expect(failed).toContain("completed  -");
  });

  it("prints jobs and versions as tables, and says when there are none", () => {
    expect(
      formatJobTable([makeJob("queued"), makeJob("processing", [], { id: "job-22" })]),
    ).toEqual([
      "id      status      function   created",
      "job-1   queued      demo/echo  2026-11-22T10:00:00.000000",
      "job-22  processing  demo/echo  2026-11-22T10:00:00.000000",
    ]);
    expect(formatJobTable([])).toEqual(["no jobs"]);
    expect(formatVersions([functionVersion])).toEqual([
      "id                                    build  compute  ready",
      `${functionVersion.id}  ready  l4       2024-12-15T01:50:03.887000`,
    ]);
    expect(formatVersions([])).toEqual(["no versions"]);
  });

  it("prints a function with its latest version's inputs", () => {
    expect(formatFunction(sieveFunction)).toEqual([
      "function     sieve/dubbing",
      "description  -",
      `version      ${functionVersion.id}`,
      "compute      l4 (gpu)",
      "input file   sieve.File",
    ]);
    expect(formatFunction({ name: "x", owner_name: "o" })).toContain("version      -");
  });

  it("prints JSON as one indented document", () => {
    expect(JSON.parse(toJson(job))).toEqual(job);
    expect(toJson({ a: 1 })).toBe('{\n  "a": 1\n}');
  });
});
