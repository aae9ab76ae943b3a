/**
 * The test tiers of vitest.config.ts: every test file under test/ runs in exactly one project
 * (none twice, none left out), every path a tier lists still names a file, the npm scripts name
 * projects that exist, and the `unit` project refuses sockets, servers and child processes.
 *
 * Files are found the way vitest finds them (tinyglobby, vitest's own dependency, with vitest's
 * options), from the projects' resolved `include`/`exclude` and `typecheck.include`.
 */
import { readFileSync } from "node:fs";
import { createServer, get } from "node:http";
import { connect } from "node:net";
import { fileURLToPath } from "node:url";
import { execFileSync, spawn } from "node:child_process";
import { globSync } from "tinyglobby";
import { request } from "undici";
import { configDefaults } from "vitest/config";
import { describe, expect, it } from "vitest";
import config, { tiers } from "../../vitest.config.js";
import { takeRefusals } from "../support/unit-setup.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

interface Project {
  name: string;
  include: string[];
  exclude: string[];
  typecheck: string[];
  typecheckExclude: string[];
}

/** The inline projects of vitest.config.ts, with vitest's defaults filled in. */
function projects(): Project[] {
  return (config.test?.projects ?? []).map((entry) => {
    if (typeof entry !== "object" || !("test" in entry) || !entry.test?.name) {
      throw new Error("each project of vitest.config.ts is an inline { test: { name } }");
    }
    const { name, include, exclude, typecheck } = entry.test;
    return {
      name: typeof name === "string" ? name : name.label,
      include: include ?? configDefaults.include,
      exclude: exclude ?? configDefaults.exclude,
      typecheck: typecheck?.enabled ? (typecheck.include ?? configDefaults.typecheck.include) : [],
      typecheckExclude: typecheck?.exclude ?? configDefaults.typecheck.exclude,
    };
  });
}

/** What vitest's `globFiles` returns for these globs, relative to the repository root. */
function glob(include: string[], exclude: string[]): string[] {
  if (include.length === 0) return [];
  return globSync(include, { cwd: root, dot: true, ignore: exclude, expandDirectories: false });
}

/** Each project's test files (its runtime tests and its type tests). */
function filesByProject(): Map<string, string[]> {
  return new Map(
    projects().map((p) => [
      p.name,
      [...glob(p.include, p.exclude), ...glob(p.typecheck, p.typecheckExclude)],
    ]),
  );
}

describe("the test tiers", () => {
  it("are the projects unit, integration, contract, package, runtimes and soak", () => {
    expect(projects().map((p) => p.name)).toEqual([
      "unit",
      "integration",
      "contract",
      "package",
      "runtimes",
      "soak",
    ]);
  });

  it("run every test file under test/ in exactly one project", () => {
    const all = globSync(["test/**/*.test.ts", "test/**/*.test-d.ts"], {
      cwd: root,
      ignore: ["**/node_modules/**"],
    });
    expect(all.length).toBeGreaterThan(50);
    const owners = new Map<string, string[]>(all.map((file) => [file, []]));
    for (const [name, files] of filesByProject()) {
      for (const file of files) owners.set(file, [...(owners.get(file) ?? []), name]);
    }
    const wrong = [...owners].filter(([, names]) => names.length !== 1);
    expect(wrong.map(([file, names]) => `${file}: ${names.join(", ") || "no project"}`)).toEqual(
      [],
    );
  });

  it("list no path or folder that matches no test file (a file moved without its entry)", () => {
    const stale = Object.entries(tiers).flatMap(([tier, globs]) =>
      globs
        .filter((g) => glob([g], ["**/node_modules/**"]).length === 0)
        .map((g) => `${tier}: ${g}`),
    );
    expect(stale).toEqual([]);
  });

  it("leave test/bench out: its *.ts are scripts for npm run bench, not tests", () => {
    expect(glob(["test/bench/**/*.test.ts"], [])).toEqual([]);
  });

  it("each have an npm script, and npm test runs the check and then every project", () => {
    const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as {
      scripts: Record<string, string>;
    };
    const names = projects().map((p) => p.name);
    expect(pkg.scripts.test).toBe("npm run check && vitest run");
    for (const [script, command] of Object.entries(pkg.scripts)) {
      if (!script.startsWith("test:")) continue;
      const named = [...command.matchAll(/--project\s+(\S+)/g)].map((m) => m[1]);
      expect(named.length, `${script} names its projects`).toBeGreaterThan(0);
      for (const name of named) expect(names, `${script}: ${command}`).toContain(name);
    }
    const run = (script: string) => pkg.scripts[script] ?? "";
    expect(run("test:unit")).toBe("vitest run --project unit");
    expect(run("test:integration")).toBe("vitest run --project integration --project contract");
    expect(run("test:package")).toBe("vitest run --project package");
    expect(run("test:runtimes")).toBe("vitest run --project runtimes");
    expect(run("test:soak")).toBe("vitest run --project soak");
  });
});

describe("the unit project", () => {
  /** Runs `attempt`, expects it refused by the guard, and clears the refusal it recorded. */
  async function expectRefused(attempt: () => unknown, pattern: RegExp): Promise<void> {
    const error = await (async () => attempt())().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(pattern);
    expect(takeRefusals()).toEqual([(error as Error).message]);
  }

  it("runs with its guard (this file is a unit test)", () => {
    expect(takeRefusals()).toEqual([]);
  });

  it("refuses a TCP connection, and so fetch, undici and node:http requests", async () => {
    await expectRefused(() => connect(59999, "127.0.0.1"), /must not open a socket/);
    const url = "http://127.0.0.1:59999/";
    const attempts = [
      () => fetch(url),
      () => request(url),
      () => new Promise((resolve, reject) => get(url, resolve).on("error", reject)),
    ];
    for (const attempt of attempts) {
      await expect(attempt()).rejects.toThrow();
      const refused = takeRefusals() ?? [];
      expect(refused.length).toBeGreaterThan(0);
      expect(refused[0]).toMatch(/must not open a socket/);
    }
  });

  it("refuses a server", async () => {
    await expectRefused(() => createServer().listen(0, "127.0.0.1"), /must not listen/);
  });

  it("refuses child processes", async () => {
    await expectRefused(() => spawn(process.execPath, ["-e", ""]), /must not start a child/);
    await expectRefused(() => execFileSync(process.execPath, ["-e", ""]), /must not start/);
  });
});
