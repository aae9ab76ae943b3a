/** `createRedactor` alone: masks secrets in text and, deeply, in parsed JSON. */
import { describe, expect, it } from "vitest";
import { createRedactor } from "../../../src/core/utils/redactor.js";

describe("createRedactor", () => {
  const redact = createRedactor(["sk-live-123", "hunter22", undefined]);

  it("masks every occurrence of every secret in text", () => {
    expect(redact.text("key sk-live-123, again sk-live-123, pw hunter22.")).toBe(
      "key [redacted], again [redacted], pw [redacted].",
    );
  });

  it("masks the longer of two overlapping secrets whole", () => {
    const overlapping = createRedactor(["abcd", "abcdefgh"]);
    expect(overlapping.text("abcdefgh abcd")).toBe("[redacted] [redacted]");
  });

  it("masks strings deep inside arrays and objects, keys included, without touching the input", () => {
    const input = {
      detail: [{ loc: ["body", "env", "TOKEN"], input: "hunter22", n: 1, ok: true, none: null }],
      "sk-live-123": "x",
    };
    const copy = structuredClone(input);

    expect(redact.value(input)).toEqual({
      detail: [{ loc: ["body", "env", "TOKEN"], input: "[redacted]", n: 1, ok: true, none: null }],
      "[redacted]": "x",
    });
    expect(input).toEqual(copy);
  });

  it("leaves values without secrets equal", () => {
    expect(redact.text("nothing here")).toBe("nothing here");
    expect(redact.value(42)).toBe(42);
    expect(redact.value(undefined)).toBeUndefined();
  });

  it("ignores secrets shorter than 4 characters, which would mask common words", () => {
    const short = createRedactor(["1", "abc", "", "true"]);
    expect(short.text("1 abc true")).toBe("1 abc [redacted]");
  });

  it("masks nothing when given no secret", () => {
    const none = createRedactor([]);
    const value = { a: "b" };
    expect(none.text("sk-live-123")).toBe("sk-live-123");
    expect(none.value(value)).toBe(value);
  });
});

describe("createRedactor, in any letter case", () => {
  it("masks a secret echoed lower- or upper-cased (HTTP lower-cases header names)", () => {
    const redact = createRedactor(["sk-Live-AbC123"]);
    expect(redact.text("x-sk-live-abc123: SK-LIVE-ABC123")).toBe("x-[redacted]: [redacted]");
    expect(redact.value({ "x-sk-live-abc123": "v" })).toEqual({ "x-[redacted]": "v" });
  });

  it("treats regular-expression characters in a secret as plain text", () => {
    const redact = createRedactor(["a.b*c+(d)[e]$", "x|y\\z"]);
    expect(redact.text("a.b*c+(d)[e]$ axbbc x|y\\z xy")).toBe("[redacted] axbbc [redacted] xy");
  });
});
