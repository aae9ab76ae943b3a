import { describe, expect, it } from "vitest";
import { parseInputs } from "../../src/cli/lib/parse-inputs.js";
import { SieveInputError } from "../../src/core/errors/sieve-input-error.js";

const files: Record<string, string> = {
  "in.json": '{"url":"https://example.com/a.mp4"}',
  "bad.json": "{",
};
const readFile = (path: string) => {
  if (!(path in files)) throw new Error("ENOENT: no such file");
  return files[path] as string;
};

describe("parseInputs", () => {
  it("reads strings, JSON values and JSON files", () => {
    expect(
      parseInputs(
        ["lang=spanish", "speed:=1.5", "file=@in.json", "flags:=[1,true]", "empty=", "eq=a=b"],
        readFile,
      ),
    ).toEqual({
      lang: "spanish",
      speed: 1.5,
      file: { url: "https://example.com/a.mp4" },
      flags: [1, true],
      empty: "",
      eq: "a=b",
    });
  });

  it.each([
    ["no equals sign", ["lang"], "--input"],
    ["no key", ["=x"], "--input"],
    ["no key before :=", [":=1"], "--input"],
    ["a repeated key", ["a=1", "a=2"], "--input a"],
    ["bad JSON", ["a:={"], "--input a"],
    ["a JSON file that is not JSON", ["a=@bad.json"], "--input a"],
    ["a missing file", ["a=@nope.json"], "--input a"],
  ])("rejects %s with SieveInputError", (_what, args, field) => {
    let caught: unknown;
    try {
      parseInputs(args, readFile);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SieveInputError);
    expect((caught as SieveInputError).field).toBe(field);
  });
});
