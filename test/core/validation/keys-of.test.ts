import { describe, expect, it } from "vitest";
import { keysOf } from "../../../src/core/validation/keys-of.js";

interface Options {
  a?: number;
  b?: string;
}

describe("keysOf", () => {
  it("returns the list it is given, checked against the type", () => {
    expect(keysOf<Options>()(["a", "b"])).toEqual(["a", "b"]);
  });

  it("refuses, at compile time, a key the type lacks and a key left out", () => {
    // @ts-expect-error: "c" is not a key of Options
    keysOf<Options>()(["a", "b", "c"]);
    // @ts-expect-error: "b" is missing
    keysOf<Options>()(["a"]);
  });
});
