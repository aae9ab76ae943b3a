/**
 * `batch`'s requests file, read and checked before anything is sent: one push request per line,
 * blank lines skipped; a line that is not JSON, or not the shape `jobs.runAll` takes, is a usage
 * error naming its line. Then where the results and the journal go, and the paths refused.
 */
import { describe, expect, it } from "vitest";
import { resolvePlaces } from "../../src/cli/commands/batch/batch-places.js";
import { parseRequestLines, readRequests } from "../../src/cli/commands/batch/read-requests.js";
import { describeRequestProblem } from "../../src/cli/commands/batch/request-shape.js";
import { UsageError } from "../../src/cli/lib/errors.js";
import { ExitCode } from "../../src/cli/lib/exit-codes.js";

const usageError = (run: () => unknown): UsageError => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).exitCode).toBe(ExitCode.usage);
    return error as UsageError;
  }
  throw new Error("expected a UsageError");
};

describe("parseRequestLines", () => {
  it("reads one request per line in order, skipping blank lines, CRLF and a byte order mark", () => {
    const text = [
      '\uFEFF{"function":"sieve/echo","inputs":{"text":"a"}}',
      "",
      '   {"id":"0b2c7e3a","inputs":[1,2]}\r',
      "  \t",
      '{"function":"acme/dub:2.1","inputs":{},"env":{"K":"v"},"webhooks":[{"type":"job.complete","url":"https://example.com/h"}],"extra":true}',
      "",
    ].join("\n");
    expect(parseRequestLines(text, "r.jsonl")).toEqual([
      { function: "sieve/echo", inputs: { text: "a" } },
      { id: "0b2c7e3a", inputs: [1, 2] },
      {
        function: "acme/dub:2.1",
        inputs: {},
        env: { K: "v" },
        webhooks: [{ type: "job.complete", url: "https://example.com/h" }],
        extra: true,
      },
    ]);
    expect(parseRequestLines("\n\n", "r.jsonl")).toEqual([]);
  });

  it("names the line (counting blank ones) and why, for a line that is not JSON", () => {
    const text = '{"function":"a/b","inputs":{}}\n\n{"function": "a/b", inputs: {}}\n';
    const error = usageError(() => parseRequestLines(text, "r.jsonl"));
    expect(error.message).toMatch(/^r\.jsonl line 3: not JSON \(.+\)$/);
    expect(error.command).toBe("batch");
  });

  it.each([
    ["[1]", "request: expected an object, got array"],
    ['"x"', "request: expected an object, got string"],
    ["null", "request: expected an object, got null"],
    ['{"inputs":{}}', 'give "function" ("owner/name") or "id"'],
    ['{"function":"a/b","id":"v1","inputs":{}}', 'give either "function" or "id", not both'],
    ['{"function":"dubbing","inputs":{}}', 'request.function: expected "owner/name"'],
    ['{"function":"a/b/c","inputs":{}}', 'got "a/b/c"'],
    ['{"function":"a/b:","inputs":{}}', 'got "a/b:"'],
    ['{"function":"a/b ","inputs":{}}', "must not start or end with whitespace"],
    ['{"function":42,"inputs":{}}', 'request.function: expected "owner/name", got number'],
    ['{"id":"a/b","inputs":{}}', 'request.id: must not contain "/"'],
    ['{"id":7,"inputs":{}}', "request.id: expected a string, got number"],
    ['{"function":"a/b"}', "request.inputs: expected an object (or array)"],
    ['{"function":"a/b","inputs":"x"}', "got string"],
    ['{"function":"a/b","inputs":{},"webhooks":{}}', "request.webhooks: expected an array"],
    [
      '{"function":"a/b","inputs":{},"webhooks":[{"type":"nope","url":"https://e.com"}]}',
      "request.webhooks[0].type: expected one of",
    ],
    [
      '{"function":"a/b","inputs":{},"webhooks":[{"type":"job.complete","url":"ftp://e.com"}]}',
      'request.webhooks[0].url: expected an absolute http(s) URL, got "ftp://e.com"',
    ],
    [
      '{"function":"a/b","inputs":{},"webhooks":[{"type":"job.complete","url":"https://e.com","x":1}]}',
      "request.webhooks[0].x: unknown field",
    ],
    ['{"function":"a/b","inputs":{},"env":[]}', "request.env: expected an object, got array"],
  ])("refuses %s: %s", (line, reason) => {
    const error = usageError(() => parseRequestLines(`\n${line}`, "r.jsonl"));
    expect(error.message).toContain(`r.jsonl line 2: `);
    expect(error.message).toContain(reason);
  });

  it("accepts what the client accepts beside the known fields: null function or id counts as absent", () => {
    expect(describeRequestProblem({ function: "a/b", id: null, inputs: {}, webhooks: null })).toBe(
      undefined,
    );
  });
});

describe("readRequests", () => {
  it("reads stdin for -, and names stdin in its errors", async () => {
    const read = async (source: string) => (source === "-" ? "{}\n" : "");
    await expect(readRequests("-", read)).rejects.toThrow(
      /^stdin line 1: Invalid request: give "function"/,
    );
  });

  it("makes an unreadable file a usage error", async () => {
    const error = await readRequests("/nonexistent/requests.jsonl").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(/^cannot read \/nonexistent\/requests\.jsonl: ENOENT/);
  });
});

describe("resolvePlaces", () => {
  it("derives the journal from --out, takes --journal over it, and has none for stdout", () => {
    expect(resolvePlaces("r.jsonl", "out.jsonl", undefined)).toEqual({
      out: "out.jsonl",
      journal: "out.jsonl.journal",
    });
    expect(resolvePlaces("r.jsonl", "out.jsonl", "j")).toEqual({ out: "out.jsonl", journal: "j" });
    expect(resolvePlaces("r.jsonl", undefined, undefined)).toEqual({
      out: undefined,
      journal: undefined,
    });
    expect(resolvePlaces("-", undefined, "j")).toEqual({ out: undefined, journal: "j" });
  });

  it.each([
    [["r.jsonl", "r.jsonl", undefined], "--out and the requests file are the same file (r.jsonl)"],
    [["r.jsonl", "o", "o"], "--journal and --out are the same file (o)"],
    [
      ["r.jsonl", "o", "./r.jsonl"],
      "--journal and the requests file are the same file (./r.jsonl)",
    ],
    [
      ["o.partial", "o", undefined],
      "--out's .partial file and the requests file are the same file",
    ],
  ] as const)("refuses %j", ([source, out, journal], message) => {
    const error = usageError(() => resolvePlaces(source, out, journal));
    expect(error.message).toContain(message);
  });
});
