/**
 * The published package, not the source tree: `npm pack` (which builds dist/), install the
 * tarball into a fresh project, type-check a consumer of every public export under
 * moduleResolution NodeNext and Bundler, run it with node against the packed emulator, and run
 * the packed CLI. publint and "are the types wrong" check the same package.
 */
import { execFile } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../..", import.meta.url));
const bin = (name: string) => join(root, "node_modules", ".bin", name);
const project = mkdtempSync(join(tmpdir(), "sieve-client-consumer-"));
let tarball = "";

beforeAll(async () => {
  const { stdout } = await run("npm", ["pack", "--pack-destination", project, "--json"], {
    cwd: root,
    maxBuffer: 1 << 24,
  });
  tarball = join(project, (JSON.parse(stdout) as Array<{ filename: string }>)[0]!.filename);
  writeFileSync(
    join(project, "package.json"),
    JSON.stringify({ name: "consumer", private: true, type: "module" }),
  );
  await run(
    "npm",
    ["install", tarball, "--prefer-offline", "--no-audit", "--no-fund", "--ignore-scripts"],
    { cwd: project },
  );
  cpSync(join(root, "test/package/consumer/consumer.ts"), join(project, "consumer.ts"));
}, 180_000);

afterAll(() => rmSync(project, { recursive: true, force: true }));

function tsconfig(name: string, compilerOptions: Record<string, unknown>): string {
  const file = join(project, `tsconfig.${name}.json`);
  const base = {
    strict: true,
    target: "ES2022",
    lib: ["ES2022", "DOM"],
    skipLibCheck: false,
    typeRoots: [join(root, "node_modules/@types")],
    types: ["node"],
  };
  writeFileSync(
    file,
    JSON.stringify({ compilerOptions: { ...base, ...compilerOptions }, files: ["consumer.ts"] }),
  );
  return file;
}

describe("the packed package", () => {
  it.each([
    ["NodeNext", { module: "NodeNext", moduleResolution: "NodeNext", outDir: "out" }],
    ["Bundler", { module: "ESNext", moduleResolution: "Bundler", noEmit: true }],
  ])(
    "type-checks a consumer of every export with moduleResolution %s",
    async (name, options) => {
      const result = await run(bin("tsc"), ["-p", tsconfig(name, options)], { cwd: project }).catch(
        (e: { stdout: string }) => e,
      );
      expect("stdout" in result ? result.stdout : "").toBe("");
    },
    60_000,
  );

  it("runs the consumer against the packed emulator", async () => {
    const { stdout } = await run("node", [join(project, "out/consumer.js")], {
      cwd: project,
      timeout: 30_000,
    });
    expect(JSON.parse(stdout)).toEqual({
      version: "0.1.0",
      status: "finished",
      output: "packed",
      logLines: true,
      cost: true,
      maxConcurrency: true,
      functions: 2,
      function: "demo/echo",
      versions: 1,
      failed: "boom",
      event: "job.start",
      eventKey: expect.stringMatching(/^job\.start:[\w-]+:finished$/),
      everyErrorIsSieveError: true,
      enums: [5, 6, 6],
    });
  }, 40_000);

  it("installs a working sieve-client command", async () => {
    const cli = join(project, "node_modules/.bin/sieve-client");
    expect((await run(cli, ["--version"], { cwd: project })).stdout.trim()).toContain("0.1.0");
    const emulator = await startEmulator({
      functions: { "demo/echo": { handler: (inputs) => inputs.text } },
    });
    try {
      const args = ["run", "demo/echo", "--input", "text=from the packed cli", "--json"];
      args.push("--base-url", emulator.url, "--api-key", emulator.apiKey);
      const { stdout } = await run(cli, args, { cwd: project, timeout: 30_000 });
      const job = JSON.parse(stdout) as { status: string; outputs: Array<{ data: unknown }> };
      expect(job.status).toBe("finished");
      expect(job.outputs.map((o) => o.data)).toEqual(["from the packed cli"]);
    } finally {
      await emulator.close();
    }
  }, 40_000);

  it("passes publint and arethetypeswrong", async () => {
    const lint = await run(
      bin("publint"),
      ["--strict", join(project, "node_modules/sieve-client")],
      { cwd: root },
    );
    expect(lint.stdout).toContain("All good!");
    const attw = await run(bin("attw"), [tarball, "--profile", "esm-only", "--format", "json"], {
      cwd: root,
      maxBuffer: 1 << 24,
    });
    const report = JSON.parse(attw.stdout) as { analysis: { problems: unknown[] } };
    const counted = report.analysis.problems.filter((p) => {
      const { resolutionKind } = p as { resolutionKind?: string };
      return resolutionKind !== "node10" && resolutionKind !== "node16-cjs";
    });
    expect(counted).toEqual([]);
  }, 120_000);
});
