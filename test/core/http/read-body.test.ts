import { describe, expect, it } from "vitest";
import { isKnownSmall, readBody } from "../../../src/core/http/read-body.js";
import { ResponseFailure } from "../../../src/core/http/response-failure.js";

const origin = { status: 200, headers: { get: () => null, toRecord: () => ({}) } };

async function* chunks(...parts: string[]) {
  for (const part of parts) yield new TextEncoder().encode(part);
}

describe("isKnownSmall", () => {
  it.each([
    [null, "512", true],
    ["identity", "512", true],
    [" Identity ", "0", true],
    ["gzip", "512", false],
    ["br", null, false],
    [null, null, false],
    [null, "99999999999", false],
    [null, "12abc", false],
    [null, "-1", false],
  ] as const)("encoding %s, length %s: %s", (encoding, length, small) => {
    expect(isKnownSmall(encoding, length, 1_000_000)).toBe(small);
  });
});

describe("readBody", () => {
  it("joins UTF-8 split across chunks", async () => {
    const euro = new TextEncoder().encode("€");
    async function* split() {
      yield euro.slice(0, 1);
      yield euro.slice(1);
    }
    expect(await readBody(split(), 10, origin)).toBe("€");
  });

  it("stops at the first chunk past the limit with a too-large failure", async () => {
    const reading = readBody(chunks("aaaa", "bbbb", "cccc"), 6, origin);
    await expect(reading).rejects.toBeInstanceOf(ResponseFailure);
    await expect(readBody(chunks("aaaa", "bb"), 6, origin)).resolves.toBe("aaaabb");
  });
});
