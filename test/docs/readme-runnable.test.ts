/**
 * The README examples that need no API key (those that start the emulator) are run, and every
 * `console.log(...); // value` line in them must print that value: the comments are claims.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { extractTsBlocks } from "../support/markdown.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const tsx = `${root}node_modules/.bin/tsx`;
const dir = mkdtempSync(`${root}examples/.readme-run-`);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const runnable = extractTsBlocks(readFileSync(`${root}README.md`, "utf8")).filter((b) =>
  b.code.includes("startEmulator("),
);

/** The values the `// value` comments after `console.log(...)` promise, in order. */
function promised(code: string): string[] {
  return [...code.matchAll(/^\s*console\.log\(.*\); \/\/ (.+)$/gm)].map((m) =>
    (m[1] ?? "").replace(/^"(.*)"$/, "$1"),
  );
}

describe("runnable README examples", () => {
  it("exist", () => expect(runnable.length).toBeGreaterThanOrEqual(1));

  it.each(runnable.map((b) => [b.line, b.code] as const))(
    "the example at line %i prints what it says",
    async (line, code) => {
      const file = `${dir}/example-${line}.mts`;
      const source = code
        .replace(/"sieve-client\/emulator"/g, '"../../src/emulator/index.js"')
        .replace(/"sieve-client"/g, '"../../src/node.js"');
      writeFileSync(file, source);
      const { stdout } = await promisify(execFile)(tsx, [file], { cwd: root, timeout: 30_000 });
      const expected = promised(code);
      expect(expected.length).toBeGreaterThan(0);
      expect(stdout.trim().split("\n")).toEqual(expected);
    },
    40_000,
  );
});
