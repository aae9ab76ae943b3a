/**
 * Every ```ts block of README.md is compiled as its own module against the source tree
 * (`sieve-client` and `sieve-client/emulator` map to src/), with the repository's tsconfig.json
 * (strict, noUncheckedIndexedAccess...), once with `exactOptionalPropertyTypes` off and once
 * with it on, since a user's project may have either: an example that drifts from the API, or
 * that only compiles under one of the two settings, fails the suite.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { extractTsBlocks } from "../support/markdown.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const readme = readFileSync(`${root}README.md`, "utf8");

/** The compiler options of the repository's tsconfig.json. */
function repoOptions(): ts.CompilerOptions {
  const { config, error } = ts.readConfigFile(`${root}tsconfig.json`, ts.sys.readFile);
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, "\n"));
  return ts.parseJsonConfigFileContent(config, ts.sys, root).options;
}

function compile(
  blocks: Array<{ line: number; code: string }>,
  exactOptionalPropertyTypes: boolean,
): string[] {
  const files = new Map(
    blocks.map((b) => [`${root}readme-example-line-${b.line}.ts`, `${b.code}\nexport {};\n`]),
  );
  const options: ts.CompilerOptions = {
    ...repoOptions(),
    strict: true,
    noEmit: true,
    exactOptionalPropertyTypes,
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

  it("the repository's tsconfig is strict, with exactOptionalPropertyTypes off", () => {
    expect(repoOptions()).toMatchObject({ strict: true, exactOptionalPropertyTypes: false });
  });

  it.each([false, true])(
    "all compile against the current API with exactOptionalPropertyTypes: %s",
    (exact) => {
      expect(compile(blocks, exact)).toEqual([]);
    },
    60_000,
  );

  it("catches an example that does not compile", () => {
    expect(
      compile(
        [
          {
            line: 1,
            code: 'import { createSieveClient } from "sieve-client";\ncreateSieveClient().jobs.nope();',
          },
        ],
        false,
      ),
    ).toEqual([expect.stringContaining("Property 'nope' does not exist")]);
  }, 60_000);

  it("catches an example that compiles only without exactOptionalPropertyTypes", () => {
    const block = {
      line: 1,
      code: [
        'import { createSieveClient } from "sieve-client";',
        "declare const key: string | undefined;",
        "createSieveClient({ apiKey: key });",
      ].join("\n"),
    };
    expect(compile([block], false)).toEqual([]);
    expect(compile([block], true)).toEqual([expect.stringContaining("exactOptionalPropertyTypes")]);
  }, 60_000);
});
