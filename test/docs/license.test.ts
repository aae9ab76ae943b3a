/**
 * package.json says MIT, so the MIT licence text ships: LICENSE at the root, and in the packed
 * tarball (npm always includes it; `--ignore-scripts` keeps `npm pack` from rebuilding dist/).
 */
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

describe("LICENSE", () => {
  it("exists and is the MIT licence package.json names", () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as { license?: string };
    expect(pkg.license).toBe("MIT");
    expect(existsSync(`${root}LICENSE`)).toBe(true);
    const text = readFileSync(`${root}LICENSE`, "utf8");
    expect(text).toMatch(/^MIT License\n\nCopyright \(c\) 2026 the sieve-client authors\n/);
    expect(text).toContain("Permission is hereby granted, free of charge, to any person");
    expect(text).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
  });

  it("is in the packed package", async () => {
    const { stdout } = await promisify(execFile)(
      "npm",
      ["pack", "--dry-run", "--json", "--ignore-scripts"],
      { cwd: root, maxBuffer: 1 << 24 },
    );
    const [packed] = JSON.parse(stdout) as Array<{ files: Array<{ path: string }> }>;
    expect(packed?.files.map((f) => f.path)).toContain("LICENSE");
  }, 60_000);
});
