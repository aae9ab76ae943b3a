/**
 * The runtime matrix (issue 13): the packed package, installed in a fresh project as a user
 * would install it, runs the same smoke flow (flow/smoke-flow.ts) against the emulator on
 * 127.0.0.1 in Node 20 through each of its entries, Bun, Deno, headless Chromium and workerd.
 * Each runtime prints one line with the entry it loaded; every step must pass, each runtime
 * must load the entry the package's exports give it, and a runtime that cannot start fails.
 * The matrix is also written as a Markdown table (see `TABLE`).
 */
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FLOW_STEPS } from "./flow/flow-types.js";
import { type InstalledProject, packAndInstall } from "./harness/pack-install.js";
import { failedSteps, formatLine, markdownTable } from "./harness/report.js";
import { entryOfFile, type RuntimeRun, runRuntime } from "./harness/run-runtime.js";
import { chromiumRunner } from "./runners/chromium.js";
import { bunRunner, denoRunner, nodeRunner, nodeWebRunner } from "./runners/command-line.js";
import { workerdRunner } from "./runners/workerd.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
/** Where the matrix is written as Markdown after each run. */
const TABLE = join(tmpdir(), "sieve-client-runtimes.md");
const runners = [nodeRunner, nodeWebRunner, bunRunner, denoRunner, chromiumRunner, workerdRunner];

let project: InstalledProject | undefined;
const runs: RuntimeRun[] = [];

beforeAll(async () => {
  project = await packAndInstall(root);
}, 300_000);

afterAll(() => {
  if (runs.length > 0) {
    const regenerate = `Regenerate with \`npx vitest run --project runtimes\` (written to ${TABLE}).`;
    writeFileSync(TABLE, markdownTable(runs, regenerate));
    console.log(`[runtimes] the matrix as Markdown: ${TABLE}`);
  }
  if (project) rmSync(dirname(project.dir), { recursive: true, force: true });
});

describe("the packed package in each runtime", () => {
  it.each(runners)(
    "$label runs the smoke flow",
    async (runner) => {
      const run = await runRuntime(runner, project as InstalledProject);
      runs.push(run);
      console.log(formatLine(run));
      expect(failedSteps(run)).toEqual([]);
      expect(run.steps.map((step) => step.name)).toEqual(Object.keys(FLOW_STEPS));
      expect({
        runtime: run.runtime.name,
        entry: run.entry,
        file: entryOfFile(run.entryFile),
      }).toEqual({
        runtime: runner.runtime,
        entry: runner.expectedEntry,
        file: runner.expectedEntry,
      });
    },
    120_000,
  );
});
