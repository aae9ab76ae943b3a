/**
 * The contract tests' Prism harness never skips in silence: a Prism that cannot start fails the
 * run with what Prism printed. (It starts its own broken Prism, so it runs in the unit project.)
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startPrism } from "./prism.js";

const dir = mkdtempSync(join(tmpdir(), "broken-spec-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("startPrism", () => {
  it("rejects with Prism's own output when the spec is broken", async () => {
    const spec = join(dir, "broken.yaml");
    writeFileSync(spec, "openapi: 3.0.3\ninfo: [this is not, an info object\n");
    const error = (await startPrism("mock", undefined, { spec }).catch((e: unknown) => e)) as Error;
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toMatch(/^Prism mock did not start: exited with code \d+/);
    expect(error.message).toContain("--- Prism output ---");
    expect(error.message.split("--- Prism output ---")[1]?.trim().length).toBeGreaterThan(0);
  }, 40_000);
});
