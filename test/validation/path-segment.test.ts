/** `assertPathSegment` and `typeName` alone. */
import { describe, expect, it } from "vitest";
import { SieveInputError } from "../../src/index.js";
import { assertPathSegment, typeName } from "../../src/validation/path-segment.js";

describe("assertPathSegment", () => {
  it.each([["43d7add5-61cf"], ["..."], [".hidden"], ["a b"], ["%2e%2e"], ["a?b#c"]])(
    "returns %j, which stays one segment once encoded",
    (value) => {
      expect(assertPathSegment("jobId", value)).toBe(value);
    },
  );

  it.each([
    ["", "must not be empty"],
    [".", '"." is not an id or a name'],
    ["..", '".." is not an id or a name'],
    ["a/b", 'must not contain "/" (got "a/b")'],
    [7, "expected a string, got number"],
    [null, "expected a string, got null"],
  ])("refuses %j: %s", (value, reason) => {
    const attempt = () => assertPathSegment("jobId", value);
    expect(attempt).toThrow(SieveInputError);
    expect(attempt).toThrow(`Invalid jobId: ${reason}`);
  });
});

describe("typeName", () => {
  it.each([
    [null, "null"],
    [[], "array"],
    [{}, "object"],
    [1, "number"],
    [undefined, "undefined"],
    ["s", "string"],
  ])("%j is %s", (value, name) => {
    expect(typeName(value)).toBe(name);
  });
});
