/**
 * Every ```ts block of README.md is compiled as its own module, strictly, against the source
 * tree (`sieve-client` and `sieve-client/emulator` map to src/), so an example that drifts from
 * the API fails the suite.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { extractTsBlocks } from "../support/markdown.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const readme = readFileSync(`${root}README.md`, "utf8");

function compile(blocks: Array<{ line: number; code: string }>): string[] {
  const files = new Map(
    blocks.map((b) => [`${root}readme-example-line-${b.line}.ts`, `${b.code}\nexport {};\n`]),
  );
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: ["node"],
    skipLibCheck: true,
    baseUrl: root,
    paths: { "sieve-client": ["src/index.ts"], "sieve-client/emulator": ["src/emulator/index.ts"] },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => files.get(name) ?? readFile(name);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const program = ts.createProgram([...files.keys()], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && files.has(d.file.fileName))
    .map((d) => {
      const { line } = d.file!.getLineAndCharacterOfPosition(d.start ?? 0);
      const where = d.file!.fileName.replace(root, "");
      return `${where}:${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
}

describe("README examples", () => {
  const blocks = extractTsBlocks(readme);

  it("has TypeScript examples to check", () => {
    expect(blocks.length).toBeGreaterThanOrEqual(6);
  });

  it("all compile against the current API", () => {
    expect(compile(blocks)).toEqual([]);
  }, 60_000);

  it("catches an example that does not compile", () => {
    expect(
      compile([
        {
          line: 1,
          code: 'import { createSieveClient } from "sieve-client";\ncreateSieveClient().jobs.nope();',
        },
      ]),
    ).toEqual([expect.stringContaining("Property 'nope' does not exist")]);
  }, 60_000);
});
