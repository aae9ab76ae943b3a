import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FlowResult } from "../flow/flow-types.js";
import { buildCommandLineScript } from "../harness/bundle.js";
import { expectSuccess, runProcess } from "../harness/run-process.js";
import type { EntryKind, RunnerContext, RunnerOutput, RuntimeRunner } from "./runtime-runner.js";

const bin = fileURLToPath(new URL("../../../node_modules/.bin/", import.meta.url));

/** A runtime started as a command on `smoke.mjs`, with the flow's config as last argument. */
interface CommandSpec {
  label: string;
  runtime: string;
  expectedEntry: EntryKind;
  /** The executable: Node itself, or a binary of node_modules/.bin. */
  command: string;
  /** The arguments before the config; `script` is the path of smoke.mjs. */
  args: (script: string) => string[];
  /** Extra environment, given the project's folder. */
  env?: (dir: string) => Record<string, string>;
}

/** A runner that starts `spec.command` in the installed project and reads the flow's JSON line. */
function commandLineRunner(spec: CommandSpec): RuntimeRunner {
  const shown = spec.args("smoke.mjs").join(" ");
  const command = spec.command === process.execPath ? "node" : spec.command.replace(bin, "");
  return {
    label: spec.label,
    runtime: spec.runtime,
    expectedEntry: spec.expectedEntry,
    how: `\`${command} ${shown}\` in the installed project`,
    async run({ project, startTarget }: RunnerContext): Promise<RunnerOutput> {
      const script = await buildCommandLineScript(project);
      const config = await startTarget();
      const env: NodeJS.ProcessEnv = { ...process.env, ...spec.env?.(project.dir) };
      delete env.SIEVE_API_KEY;
      delete env.SIEVE_API_URL;
      const args = [...spec.args(script), JSON.stringify(config)];
      const outcome = await runProcess(spec.command, args, {
        cwd: project.dir,
        timeoutMs: 60_000,
        env,
      });
      const flow = lastJsonLine(spec.label, expectSuccess(`${spec.label} (${command})`, outcome));
      const entryFile = flow.resolved?.match(/node_modules\/sieve-client\/(.+)$/)?.[1];
      return entryFile === undefined ? { flow } : { flow, entryFile };
    },
  };
}

/** The flow's result: the last line of stdout, as JSON. */
function lastJsonLine(label: string, stdout: string): FlowResult {
  const line = stdout.trimEnd().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as FlowResult;
  } catch {
    throw new Error(`${label} printed no result line; its stdout:\n${stdout.slice(-4_000)}`);
  }
}

/** Node 20 through the `node` condition: the undici entry. */
export const nodeRunner = commandLineRunner({
  label: "node",
  runtime: "node",
  expectedEntry: "node",
  command: process.execPath,
  args: (script) => [script],
});

/**
 * Node 20 forced onto the web entry the way a Node user can ask for it: `--conditions=browser`
 * (the `browser` key comes before `node` in the package's exports).
 */
export const nodeWebRunner = commandLineRunner({
  label: "node (web entry)",
  runtime: "node",
  expectedEntry: "web",
  command: process.execPath,
  args: (script) => ["--conditions=browser", script],
});

/** Bun from the `bun` package, never installing anything on the fly. */
export const bunRunner = commandLineRunner({
  label: "bun",
  runtime: "bun",
  expectedEntry: "web",
  command: join(bin, "bun"),
  args: (script) => ["--no-install", script],
});

/**
 * Deno from the `deno` package, on the project's node_modules (`--node-modules-dir=manual`),
 * allowed the network of 127.0.0.1 only, with its cache inside the project.
 */
export const denoRunner = commandLineRunner({
  label: "deno",
  runtime: "deno",
  expectedEntry: "web",
  command: join(bin, "deno"),
  args: (script) => [
    "run",
    "--quiet",
    "--no-lock",
    "--node-modules-dir=manual",
    "--allow-net=127.0.0.1",
    script,
  ],
  env: (dir) => ({ DENO_DIR: join(dir, ".deno"), DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" }),
});
