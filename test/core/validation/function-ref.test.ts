/** `parseFunctionRef` alone: `owner/name`, and `owner/name:version` where a version is allowed. */
import { describe, expect, it } from "vitest";
import { SieveInputError } from "../../../src/index.js";
import { parseFunctionRef } from "../../../src/core/validation/function-ref.js";

describe("parseFunctionRef", () => {
  it("splits owner/name", () => {
    expect(parseFunctionRef("ref", "sieve/dubbing")).toEqual({ owner: "sieve", name: "dubbing" });
  });

  it("splits owner/name:version when versions are allowed", () => {
    expect(parseFunctionRef("f", "sieve/dubbing:2.1", { allowVersion: true })).toEqual({
      owner: "sieve",
      name: "dubbing",
      version: "2.1",
    });
    expect(parseFunctionRef("f", "sieve/dubbing", { allowVersion: true })).toEqual({
      owner: "sieve",
      name: "dubbing",
    });
  });

  it("refuses a version where none is allowed, saying so", () => {
    expect(() => parseFunctionRef("ref", "sieve/dubbing:2")).toThrow(
      'Invalid ref: expected "owner/name" without a version, got "sieve/dubbing:2"',
    );
  });

  it.each([
    ["dubbing", "ref"],
    ["a/b/c", "ref"],
    ["sieve/dubbing:", "ref"],
    ["sieve/:2", "ref name"],
    ["../x", "ref owner"],
    ["x/..", "ref name"],
  ])("refuses %j (field %s)", (ref, field) => {
    const attempt = () => parseFunctionRef("ref", ref, { allowVersion: true });
    expect(attempt).toThrow(SieveInputError);
    expect(attempt).toThrow(expect.objectContaining({ field }));
  });

  it("names the type of a value that is not a string", () => {
    expect(() => parseFunctionRef("ref", ["a", "b"])).toThrow('expected "owner/name", got array');
  });
});
