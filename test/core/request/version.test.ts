/** `VERSION` (sent in the User-Agent) must follow package.json's version. */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { VERSION } from "../../../src/index.js";

describe("VERSION", () => {
  it("equals package.json's version", () => {
    const pkg = JSON.parse(readFileSync(new URL("../../../package.json", import.meta.url), "utf8"));
    expect(pkg.name).toBe("sieve-client");
    expect(VERSION).toBe(pkg.version);
  });
});
