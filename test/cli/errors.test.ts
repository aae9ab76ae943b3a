import { describe, expect, it } from "vitest";
import { describeError, exitCodeFor } from "../../src/cli/lib/client-errors.js";
import { CliError, InterruptedError, UsageError } from "../../src/cli/lib/errors.js";
import { ExitCode } from "../../src/cli/lib/exit-codes.js";
import {
  SieveApiError,
  SieveConfigError,
  SieveConnectionError,
  SieveInputError,
  SieveJobCancelledError,
  SieveJobFailedError,
  SieveNotFoundError,
  SieveTimeoutError,
  SieveWaitTimeoutError,
} from "../../src/node.js";
import { makeJob } from "../support/job-fixtures.js";

const api = { method: "GET", url: "https://api.test/v2/jobs/x", body: {}, headers: {} };

describe("exitCodeFor", () => {
  it.each([
    ["a failed job", new SieveJobFailedError(makeJob("error")), 1],
    ["a cancelled job", new SieveJobCancelledError(makeJob("cancelled")), 1],
    ["a usage error", new UsageError("missing <job-id>", "get"), 2],
    ["bad input", new SieveInputError("jobId", "must not be empty"), 2],
    ["bad configuration", new SieveConfigError("baseUrl must use https"), 2],
    ["an API error", new SieveApiError({ ...api, status: 500 }), 3],
    ["a 404", new SieveNotFoundError({ ...api, status: 404 }), 3],
    ["a network error", new SieveConnectionError("refused", api), 3],
    ["an attempt timeout", new SieveTimeoutError("slow", { ...api, timeoutMs: 5 }), 3],
    ["a wait timeout", new SieveWaitTimeoutError("x", undefined, 1_000), 3],
    ["Ctrl-C", new InterruptedError("SIGINT"), 130],
    ["SIGTERM", new InterruptedError("SIGTERM"), 143],
    ["a CliError", new CliError("port in use", ExitCode.usage), 2],
    ["a bug", new TypeError("x is not a function"), 70],
    ["a thrown string", "oops", 70],
  ])("%s -> %i", (_what, error, code) => {
    expect(exitCodeFor(error)).toBe(code);
  });
});

describe("describeError", () => {
  it("is one line, without a stack, pointing to the right --help for usage errors", () => {
    expect(describeError(new UsageError("get: missing <job-id>", "get"), false)).toBe(
      "sieve-client: get: missing <job-id> (see sieve-client get --help)",
    );
    expect(describeError(new UsageError('unknown command "pus"'), false)).toBe(
      'sieve-client: unknown command "pus" (see sieve-client --help)',
    );
    expect(
      describeError(
        new SieveNotFoundError({ ...api, status: 404, detail: "Job not found." }),
        false,
      ),
    ).toBe("sieve-client: 404 GET https://api.test/v2/jobs/x: Job not found.");
    expect(describeError(new CliError("two\n  lines", ExitCode.apiError), false)).toBe(
      "sieve-client: two lines",
    );
  });

  it("names an unexpected error and how to see where it came from", () => {
    expect(describeError(new TypeError("x is not a function"), false)).toBe(
      "sieve-client: unexpected error: TypeError: x is not a function (run with --debug for the stack trace)",
    );
  });

  it("adds the stack traces of the error and its causes with --debug", () => {
    const cause = new Error("socket hang up");
    const text = describeError(new SieveConnectionError("reset", api, { cause }), true);
    const [first, ...rest] = text.split("\n");
    expect(first).toBe("sieve-client: reset");
    expect(rest.join("\n")).toMatch(/^SieveConnectionError: reset\n\s+at /);
    expect(text).toMatch(/\ncaused by: Error: socket hang up\n\s+at /);
  });
});
