import { describe, expect, it } from "vitest";
import { MAX_BATCH_CONCURRENCY, parseCommandLine } from "../../src/cli/lib/args.js";
import { MAX_CONCURRENCY } from "../../src/resources/jobs/batch/batch-options.js";
import { COMMAND_NAMES } from "./command-names.js";
import { commands } from "../../src/cli/commands/index.js";
import { UsageError } from "../../src/cli/lib/errors.js";

const parse = (...argv: string[]) => parseCommandLine(argv, commands);

describe("parseCommandLine", () => {
  it("bounds --concurrency where jobs.runAll does", () => {
    expect(MAX_BATCH_CONCURRENCY).toBe(MAX_CONCURRENCY);
  });

  it("reads the command, its arguments, the global and the command's options", () => {
    const parsed = parse(
      "run",
      "demo/dubbing",
      "--input",
      "a=1",
      "--input=b:=2",
      "--timeout",
      "5000",
      "--json",
      "--api-key",
      "k",
      "--base-url",
      "http://127.0.0.1:1/v2",
      "--debug",
    );
    expect(parsed).toMatchObject({
      kind: "command",
      command: { name: "run" },
      args: ["demo/dubbing"],
      global: { json: true, debug: true, apiKey: "k", baseUrl: "http://127.0.0.1:1/v2" },
      options: { inputs: ["a=1", "b:=2"], timeoutMs: 5000, status: undefined, limit: undefined },
    });
  });

  it("converts the numbers and the status of list", () => {
    expect(parse("list", "--status", "error", "--limit", "20", "--offset", "0")).toMatchObject({
      options: { status: "error", limit: 20, offset: 0 },
      global: { json: false, debug: false, apiKey: undefined, baseUrl: undefined },
    });
  });

  it("answers help and version before checking anything else", () => {
    expect(parse("--help")).toEqual({ kind: "help", command: undefined });
    expect(parse("-h", "wait")).toMatchObject({ kind: "help", command: { name: "wait" } });
    expect(parse("help", "list")).toMatchObject({ kind: "help", command: { name: "list" } });
    expect(parse("get", "--help")).toMatchObject({ kind: "help", command: { name: "get" } });
    expect(parse("--version")).toEqual({ kind: "version" });
  });

  it.each([
    [["nope"], 'unknown command "nope"', undefined],
    [["get", "x", "-x"], "unknown option -x", "get"],
    [["get", "x", "--status", "error"], "get does not take --status", "get"],
    [["cancel"], "cancel: missing <job-id>", "cancel"],
    [["list", "extra"], 'list: unexpected argument "extra"', "list"],
    [
      ["emulator", "--port", "-1"],
      '--port needs a value; write --port=<value> for one that starts with "-"',
      "emulator",
    ],
    [["list", "--offset=-1"], '--offset must be a whole number 0 or more (got "-1")', "list"],
    [
      ["wait", "x", "--timeout", "0"],
      "--timeout must be a whole number from 1 to 2147483647",
      "wait",
    ],
    [["wait", "x", "--timeout", "1e3"], '(got "1e3")', "wait"],
  ])("rejects %j", (argv, message, command) => {
    let caught: unknown;
    try {
      parse(...argv);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(UsageError);
    expect((caught as UsageError).message).toContain(message);
    expect((caught as UsageError).command).toBe(command);
  });

  it("gives every command a summary, an example, and only options it documents", () => {
    expect(commands.map((c) => c.name)).toEqual(COMMAND_NAMES);
    for (const command of commands) {
      expect(command.summary).not.toBe("");
      expect(command.examples.length).toBeGreaterThan(0);
      for (const example of command.examples) {
        expect(() => parseCommandLine(splitExample(example), commands), example).not.toThrow();
      }
    }
  });
});

/** Splits an example the way a shell would, for its simple quoting ('...'). */
function splitExample(example: string): string[] {
  return [...example.matchAll(/(?:[^\s']+|'[^']*')+/g)].map((m) => m[0].replace(/'/g, ""));
}
