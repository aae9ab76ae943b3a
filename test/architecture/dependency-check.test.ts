/**
 * The dependency check (`npm run lint:deps`, .dependency-cruiser.cjs) passes on the repository,
 * and fails, naming the rule, on each kind of import it exists to stop: a cycle (type-only ones
 * included) and an import across the boundaries between the client, the emulator, the CLI and
 * the examples. Each failure is shown on a tiny tree that passes until one file is added.
 *
 * dependency-cruiser runs in this process, through its API, with the same configuration file,
 * directories and report as the npm script: `exitCode` is the exit code the command would have.
 * No child process, so the test stays in the `unit` tier.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { cruise } from "dependency-cruiser";
import { folderCycles, type CruisedModule } from "./folder-cycles.js";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));

/** What `npm run lint:deps` cruises, and with which configuration file. */
async function lintDepsScript(): Promise<{ directories: string[]; config: string }> {
  const pkg = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const [command, ...args] = (pkg.scripts["lint:deps"] ?? "").split(/\s+/);
  expect(command).toBe("depcruise");
  const at = args.indexOf("--config");
  expect(at, "lint:deps names its --config").toBeGreaterThanOrEqual(0);
  const config = args[at + 1] ?? "";
  const directories = args.filter((arg, i) => !arg.startsWith("-") && i !== at + 1);
  expect(directories.length).toBeGreaterThan(0);
  return { directories, config };
}

let script: { directories: string[]; config: string };
let scratch: string;

beforeAll(async () => {
  script = await lintDepsScript();
  scratch = await mkdtemp(join(tmpdir(), "sieve-depcheck-"));
});

afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

/** Runs the check on the tree at `baseDir`, as `npm run lint:deps` run there would. */
async function check(baseDir: string): Promise<{ exitCode: number; output: string }> {
  const options = await extractDepcruiseOptions(join(root, script.config));
  const tsConfig = extractTSConfig(join(baseDir, "tsconfig.json"));
  const result = await cruise(
    script.directories,
    { ...options, baseDir, outputType: "err" },
    {},
    { tsConfig },
  );
  return { exitCode: result.exitCode, output: String(result.output) };
}

/** The rules an `err` report names, once each. */
function rulesIn(output: string): string[] {
  return [...new Set([...output.matchAll(/^\s*error ([\w-]+):/gm)].map((match) => match[1] ?? ""))];
}

/** A tree that follows every rule: each product reaches the others through a public entry. */
const cleanTree: Record<string, string> = {
  "tsconfig.json": JSON.stringify({
    compilerOptions: { module: "NodeNext", moduleResolution: "NodeNext", strict: true },
  }),
  "generated/api.ts": "export interface Job { id: string }\n",
  "src/index.ts": [
    'export { helper } from "./core/helper.js";',
    'export type { Job } from "../generated/api.js";',
  ].join("\n"),
  "src/node.ts": 'export * from "./index.js";\n',
  "src/core/helper.ts":
    'import type { Job } from "../../generated/api.js";\n' +
    "export const helper = (job: Job): string => job.id;\n",
  "src/emulator/index.ts": 'export { startEmulator } from "./server.js";\n',
  "src/emulator/server.ts": [
    'import type { Job } from "../../generated/api.js";',
    'import { helper } from "../index.js";',
    'export const startEmulator = (): string => helper({ id: "1" } satisfies Job);',
  ].join("\n"),
  "src/cli/main.ts": [
    'import { helper } from "../node.js";',
    "export async function main(): Promise<string> {",
    '  const { startEmulator } = await import("../emulator/index.js");',
    '  return startEmulator() + helper({ id: "2" });',
    "}",
  ].join("\n"),
  "examples/main.ts": [
    'import { startEmulator } from "../src/emulator/index.js";',
    'import { helper } from "../src/node.js";',
    'console.log(startEmulator(), helper({ id: "3" }));',
  ].join("\n"),
};

/** Writes the clean tree plus `extra` (added or replacing files) into a fresh directory. */
async function tree(name: string, extra: Record<string, string> = {}): Promise<string> {
  const dir = join(scratch, name);
  for (const [path, text] of Object.entries({ ...cleanTree, ...extra })) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

describe("folders", () => {
  it("no folder of src/ imports one that imports it back", async () => {
    const options = await extractDepcruiseOptions(join(root, script.config));
    const tsConfig = extractTSConfig(join(root, "tsconfig.json"));
    const result = await cruise(
      ["src"],
      { ...options, baseDir: root, outputType: "json" },
      {},
      { tsConfig },
    );
    const { modules } = JSON.parse(String(result.output)) as { modules: CruisedModule[] };
    expect(modules.length).toBeGreaterThan(50);
    expect(folderCycles(modules, "src")).toEqual([]);
  });

  it("the folder check finds a cycle through a third folder", () => {
    const modules: CruisedModule[] = [
      { source: "src/a/x.ts", dependencies: [{ resolved: "src/b/y.ts" }] },
      { source: "src/b/y.ts", dependencies: [{ resolved: "src/c/z.ts" }] },
      { source: "src/c/z.ts", dependencies: [{ resolved: "src/a/w.ts" }] },
      { source: "src/d/v.ts", dependencies: [{ resolved: "src/a/x.ts" }] },
    ];
    expect(folderCycles(modules, "src")).toEqual([
      ["src/a", "src/b"],
      ["src/b", "src/c"],
      ["src/c", "src/a"],
    ]);
  });
});

describe("the dependency check", () => {
  it("passes on the repository", async () => {
    const { exitCode, output } = await check(root);
    expect(output).toContain("no dependency violations found");
    expect(exitCode).toBe(0);
  });

  it("passes on the clean fixture tree", async () => {
    const { exitCode, output } = await check(await tree("clean"));
    expect(output).toContain("no dependency violations found");
    expect(exitCode).toBe(0);
  });

  const violations: Array<{
    what: string;
    files: Record<string, string>;
    rule: string;
    report: RegExp;
  }> = [
    {
      what: "a cycle of type-only imports",
      files: {
        "src/core/a.ts": 'import type { B } from "./b.js";\nexport interface A { b?: B }\n',
        "src/core/b.ts": 'import type { A } from "./a.js";\nexport interface B { a?: A }\n',
      },
      rule: "no-cycle",
      report: /error no-cycle: src\/core\/(a|b)\.ts →\s+src\/core\/(b|a)\.ts →/,
    },
    {
      what: "a runtime cycle across folders",
      files: {
        "src/core/poll.ts":
          'import { retry } from "../http/retry.js";\nexport const poll = () => retry;\n',
        "src/http/retry.ts":
          'import { poll } from "../core/poll.js";\nexport const retry = () => poll;\n',
      },
      rule: "no-cycle",
      report: /error no-cycle: src\/(core\/poll|http\/retry)\.ts →/,
    },
    {
      what: "the emulator importing a client internal",
      files: {
        "src/emulator/server.ts":
          'import { helper } from "../core/helper.js";\nexport const startEmulator = () => helper({ id: "1" });\n',
      },
      rule: "emulator-uses-public-client",
      report:
        /error emulator-uses-public-client: src\/emulator\/server\.ts → src\/core\/helper\.ts/,
    },
    {
      what: "the emulator importing the CLI",
      files: { "src/emulator/cli-user.ts": 'export { main } from "../cli/main.js";\n' },
      rule: "emulator-imports-no-cli",
      report: /error emulator-imports-no-cli: src\/emulator\/cli-user\.ts → src\/cli\/main\.ts/,
    },
    {
      what: "the CLI importing a non-public module of the emulator by a dynamic import",
      files: {
        "src/cli/start.ts":
          'export const start = async () => (await import("../emulator/server.js")).startEmulator();\n',
      },
      rule: "cli-uses-public-entries",
      report: /error cli-uses-public-entries: src\/cli\/start\.ts → src\/emulator\/server\.ts/,
    },
    {
      what: "the CLI importing a client internal, type-only",
      files: {
        "src/cli/types.ts":
          'import type { helper } from "../core/helper.js";\nexport type H = typeof helper;\n',
      },
      rule: "cli-uses-public-entries",
      report: /error cli-uses-public-entries: src\/cli\/types\.ts → src\/core\/helper\.ts/,
    },
    {
      what: "an example importing a CLI internal",
      files: { "examples/cli.ts": 'import { main } from "../src/cli/main.js";\nawait main();\n' },
      rule: "examples-use-public-entries",
      report: /error examples-use-public-entries: examples\/cli\.ts → src\/cli\/main\.ts/,
    },
    {
      what: "the client importing the emulator",
      files: {
        "src/core/uses-emulator.ts": 'export { startEmulator } from "../emulator/index.js";\n',
      },
      rule: "client-imports-no-product",
      report:
        /error client-imports-no-product: src\/core\/uses-emulator\.ts → src\/emulator\/index\.ts/,
    },
    {
      what: "an import the check cannot resolve (it would escape every other rule)",
      files: { "src/core/typo.ts": 'export { helper } from "./helpr.js";\n' },
      rule: "resolvable",
      report: /error resolvable: src\/core\/typo\.ts → \.\/helpr\.js/,
    },
  ];

  it.each(violations)("fails on $what, naming $rule", async ({ what, files, rule, report }) => {
    const { exitCode, output } = await check(await tree(what.replace(/\W+/g, "-"), files));
    expect(rulesIn(output)).toEqual([rule]);
    expect(output).toMatch(report);
    expect(exitCode).toBeGreaterThan(0);
  });
});
