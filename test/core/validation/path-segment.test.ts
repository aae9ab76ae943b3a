/** `checkPathSegment` and `typeName` alone. */
import { describe, expect, it } from "vitest";
import { SieveInputError } from "../../../src/index.js";
import { checkPathSegment, typeName } from "../../../src/core/validation/path-segment.js";
import { quoteValue } from "../../../src/core/validation/quote-value.js";

describe("checkPathSegment", () => {
  it.each([["43d7add5-61cf"], ["..."], [".hidden"], ["a b"], ["%2e%2e"], ["a?b#c"]])(
    "returns %j, which stays one segment once encoded",
    (value) => {
      expect(checkPathSegment("jobId", value)).toBe(value);
    },
  );

  it.each([
    ["", "must not be empty"],
    [".", '"." is not an id or a name'],
    ["..", '".." is not an id or a name'],
    ["a/b", 'must not contain "/" (got "a/b")'],
    [" ", 'must not be only whitespace (got " ")'],
    [" id", 'must not start or end with whitespace (got " id")'],
    ["id\t", 'must not contain a control character (got "id\\t")'],
    ["a\u0000b", 'must not contain a control character (got "a\\u0000b")'],
    ["x".repeat(513), `must be at most 512 characters (got "${"x".repeat(40)}…" (513 characters))`],
    [7, "expected a string, got number"],
    [null, "expected a string, got null"],
  ])("refuses %j: %s", (value, reason) => {
    const attempt = () => checkPathSegment("jobId", value);
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

describe("quoteValue", () => {
  it.each([
    ["abc", '"abc"'],
    ["a\nb", '"a\\nb"'],
    ["y".repeat(41), `"${"y".repeat(40)}…" (41 characters)`],
    [1.5, "1.5"],
    [true, "true"],
    [{ a: 1 }, "object"],
    [10n, "bigint"],
  ])("quotes %s as %s", (value, quoted) => {
    expect(quoteValue(value)).toBe(quoted);
  });
});
