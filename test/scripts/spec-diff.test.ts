/**
 * `npm run spec:diff` as a maintainer runs it: a process per run (`node --import tsx
 * scripts/spec-diff.ts`, what the npm script's `tsx` does), its output and exit code. Our spec
 * against itself, a modified copy with known changes, our API written as Sieve's 3.1 document
 * is written (the published document itself lives outside the repository), and the
 * usage errors. The pure helpers are tested in spec-diff-helpers.test.ts.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse, stringify } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { as31, ourSpec } from "./openapi-31.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const specPath = path.join(root, "openapi", "sieve.yaml");
const tmp = mkdtempSync(path.join(tmpdir(), "spec-diff-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI from the repository root with `args`; resolves when it exits. */
function specDiff(...args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/spec-diff.ts", ...args], {
      cwd: root,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Our spec with `change` applied, written as YAML to the temporary folder. */
function modifiedCopy(name: string, change: (doc: Record<string, any>) => void): string {
  const doc = parse(readFileSync(specPath, "utf8")) as Record<string, any>;
  change(doc);
  const file = path.join(tmp, name);
  writeFileSync(file, stringify(doc));
  return file;
}

/** The lines of a section of the text report (`Breaking changes`...), without its title. */
function section(stdout: string, title: string): string[] {
  const blocks = stdout.split("\n\n");
  const block = blocks.find((b) => b.startsWith(`${title} (`));
  return block ? block.split("\n").slice(1) : [];
}

describe("npm run spec:diff", () => {
  it("is the npm script", () => {
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts["spec:diff"]).toBe("tsx scripts/spec-diff.ts");
  });

  it("finds no change between our spec and itself, and exits 0", async () => {
    const result = await specDiff("openapi/sieve.yaml");
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("No differences.");
    expect(result.stdout.trimEnd().split("\n").at(-1)).toBe(
      "Summary: 0 breaking, 0 non-breaking, 0 unclassified, 0 deprecated, 0 annotation",
    );
  }, 30_000);

  it("lists each change of a modified copy, breaking ones marked, and exits 1", async () => {
    const file = modifiedCopy("modified.yaml", (doc) => {
      // An operation removed.
      delete doc.paths["/logs"].get;
      // A required request field added.
      const push = doc.components.schemas.PushRequest;
      push.required.push("priority");
      push.properties.priority = { type: "string", description: "How urgent." };
      // A (required) response property removed.
      const job = doc.components.schemas.Job;
      delete job.properties.error;
      job.required = job.required.filter((name: string) => name !== "error");
      // An enum value added: in a request it is harmless, in a response it is not.
      doc.components.schemas.WebhookEventType.enum.push("job.cancelled");
    });
    const result = await specDiff(file);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);

    const breaking = section(result.stdout, "Breaking changes");
    const nonBreaking = section(result.stdout, "Non-breaking changes");
    expect(breaking).toContain("BREAKING  GET /v2/logs  operation only in openapi/sieve.yaml");
    expect(breaking).toContain(
      'BREAKING  POST /v2/push  request body: property "priority" became required',
    );
    expect(breaking).toContain(
      'BREAKING  GET /v2/jobs/{job_id}  response 200 body: property "error" removed',
    );
    expect(breaking).toContain(
      'BREAKING  GET /v2/jobs  response 200 body: property "data[].error" removed',
    );
    expect(breaking).toContain(
      'BREAKING  GET /v2/functions/{owner_name}/{function_name}  response 200 body: property "webhooks[].type" enum value "job.cancelled" added',
    );
    expect(nonBreaking).toContain(
      'added     POST /v2/push  request body: property "webhooks[].type" enum value "job.cancelled" added',
    );
    // Nothing else changed: every line is about one of the four edits.
    for (const line of [...breaking, ...nonBreaking]) {
      expect(line).toMatch(/\/v2\/logs|"priority"|\berror"|"job\.cancelled"/);
    }
    expect(section(result.stdout, "Unclassified changes, to check by hand")).toEqual([]);
    const summary = result.stdout.trimEnd().split("\n").at(-1);
    expect(summary).toMatch(
      new RegExp(
        `^Summary: ${breaking.length} breaking \\(in \\d+ operations\\), ${nonBreaking.length} non-breaking, 0 unclassified, 0 deprecated, 0 annotation$`,
      ),
    );
  }, 30_000);

  it("prints the changes as JSON with --json", async () => {
    const file = modifiedCopy("one-change.yaml", (doc) => {
      delete doc.paths["/logs"].get;
    });
    const result = await specDiff(file, "--json");
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout) as {
      base: { source: string; openapi: string };
      summary: Record<string, number>;
      changes: { type: string; action: string; operation: string; message: string }[];
    };
    expect(report.base).toEqual({ source: "openapi/sieve.yaml", openapi: "3.0.3" });
    expect(report.summary).toEqual({
      breaking: 1,
      "non-breaking": 0,
      unclassified: 0,
      deprecated: 0,
      annotation: 0,
    });
    expect(report.changes).toEqual([
      expect.objectContaining({
        type: "breaking",
        action: "remove",
        operation: "GET /v2/logs",
        message: "operation only in openapi/sieve.yaml",
      }),
    ]);
  }, 30_000);

  it("finds nothing breaking in our API written as Sieve's 3.1 document is (/v2 paths, null unions)", async () => {
    const other = path.join(tmp, "sieve-31.json");
    writeFileSync(other, JSON.stringify(as31(ourSpec())));
    const result = await specDiff(other);
    expect(result.stderr).toBe("");
    const lines = result.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(
      `Comparing openapi/sieve.yaml (OpenAPI 3.0.3) with ${other} (OpenAPI 3.1.0)`,
    );
    expect(lines.at(-1)).toMatch(
      /^Summary: 0 breaking, 0 non-breaking, 0 unclassified, 0 deprecated/,
    );
    expect(result.stdout).not.toMatch(/operation only in/);
    expect(result.code).toBe(0);
  }, 60_000);

  it.each([
    [[], /^spec:diff: missing the document to compare \(usage: /],
    [["a.yaml", "b.yaml"], /^spec:diff: one document only \(usage: /],
    [["--nope", "a.yaml"], /^spec:diff: Unknown option '--nope'/],
    [["no/such/file.yaml"], /^spec:diff: cannot read no\/such\/file\.yaml: no such file$/],
    [["package.json"], /^spec:diff: package\.json is not an OpenAPI document/],
    [["{tmp}/bad.yaml"], /^spec:diff: \S+bad\.yaml is not valid YAML: /],
    [
      ["{tmp}/swagger.json"],
      /^spec:diff: \S+swagger\.json is Swagger 2\.0; only OpenAPI 3\.0 and 3\.1/,
    ],
  ])(
    "exits 2 with one line for %j",
    async (args, message) => {
      writeFileSync(path.join(tmp, "bad.yaml"), "openapi: 3.0.3\npaths: [\n");
      writeFileSync(path.join(tmp, "swagger.json"), '{"swagger": "2.0", "paths": {}}');
      const result = await specDiff(...args.map((arg) => arg.replace("{tmp}", tmp)));
      expect(result.code).toBe(2);
      expect(result.stdout).toBe("");
      expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
      expect(result.stderr.trimEnd()).toMatch(message);
    },
    30_000,
  );
});
