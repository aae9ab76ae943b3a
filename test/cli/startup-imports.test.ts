/**
 * `sieve-client --version`, `--help` and a usage error load no part of the client (nor
 * openapi-fetch, undici or the emulator): only the CLI's own light modules. A command that
 * needs the client loads it, and still not the emulator. Each case runs the real CLI (from
 * src/, through tsx) under a module hook that records every module it loads.
 */
import { describe, expect, it } from "vitest";
import { VERSION } from "../../src/node.js";
import { runRecorded } from "./record-modules.js";

const cli = "src/cli/main.ts";

/** The client (src/ but the CLI), its generated types, its dependencies, the emulator. */
const HEAVY = /^(src\/(?!cli\/)|generated\/|node_modules\/(undici|openapi-fetch)\/)/;

/** The modules of `modules` that are the client, its dependencies or the emulator. */
function heavy(modules: readonly string[]): string[] {
  return modules.filter((path) => HEAVY.test(path));
}

describe("what the CLI loads", { timeout: 60_000 }, () => {
  it("--version loads none of the client and prints its VERSION", async () => {
    const run = await runRecorded([cli, "--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toBe(VERSION);
    expect(run.modules).toContain(cli); // the hook did record
    expect(heavy(run.modules)).toEqual([]);
    expect(run.modules.filter((path) => path.startsWith("src/cli/commands/"))).toEqual([
      "src/cli/commands/index.ts",
      "src/cli/commands/catalog.ts",
    ]);
  });

  it.each([
    [["--help"], 0],
    [["help", "run"], 0],
    [["get", "--help"], 0],
    [[], 2],
    [["pus"], 2],
    [["get"], 2],
    [["list", "--status", ""], 2],
    [["get", "abc", "--bogus"], 2],
  ])("%j loads none of the client (exit %i)", async (args, code) => {
    const run = await runRecorded([cli, ...args]);
    expect(run.code).toBe(code);
    expect(heavy(run.modules)).toEqual([]);
  });

  it("a command loads the client when it runs, and not the emulator", async () => {
    const run = await runRecorded([cli, "get", "abc"]);
    expect(run.stderr).toContain("no API key");
    expect(run.code).toBe(2);
    expect(run.modules).toContain("src/node.ts");
    expect(run.modules.filter((path) => path.startsWith("src/emulator/"))).toEqual([]);
  });
});
