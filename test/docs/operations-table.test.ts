/**
 * The README's table of every operation: one row per operation of openapi/sieve.yaml (the 23 of
 * Sieve's published API), none empty, each row's method a real method of the client, and its
 * test file one that exists and calls that method.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { specOperations } from "../support/spec-operations.js";

const readme = readFileSync("README.md", "utf8");
const start = readme.search(/^\| Sieve operation +\|/m);
const rows = readme
  .slice(start)
  .split("\n")
  .slice(2)
  .filter(
    (line, i, lines) => line.startsWith("|") && lines.slice(0, i).every((l) => l.startsWith("|")),
  )
  .map((line) =>
    line
      .split("|")
      .slice(1, -1)
      .map((cell) => cell.trim()),
  );
const code = (cell: string) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? "");

describe("README: every operation of Sieve's API", () => {
  it("has one row per operation of the spec, and no empty cell", () => {
    expect(start).toBeGreaterThan(0);
    expect(rows).toHaveLength(23);
    for (const row of rows) {
      expect(row).toHaveLength(4);
      for (const cell of row) expect(cell).not.toBe("");
    }
    const inTable = rows.map((row) => code(row[1] ?? "")[0]).sort();
    const inSpec = specOperations()
      .map((op) => `${op.method} ${op.path}`)
      .sort();
    expect(inTable).toEqual(inSpec);
    expect(new Set(rows.map((row) => row[0])).size).toBe(23);
  });

  it.each(rows.map((row) => [row[0], row] as const))(
    "%s: the example calls a client method its test file calls too",
    (_name, row) => {
      const examples = code(row[2] ?? "");
      const [testFile] = code(row[3] ?? "");
      expect(testFile && existsSync(testFile), `${testFile} exists`).toBe(true);
      const tests = readFileSync(testFile ?? "", "utf8");
      for (const example of examples) {
        const method = /^sieve\.(\w+\.\w+)\(/.exec(example)?.[1];
        expect(method, `${example} names a method`).toBeDefined();
        expect(tests).toContain(`${method}(`);
      }
    },
  );
});
