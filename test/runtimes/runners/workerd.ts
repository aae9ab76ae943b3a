import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Miniflare } from "miniflare";
import type { FlowResult } from "../flow/flow-types.js";
import { buildWorkerScript } from "../harness/bundle.js";
import type { RunnerContext, RunnerOutput, RuntimeRunner } from "./runtime-runner.js";

/** A date the pinned workerd supports (it supports every date up to its own release). */
const COMPATIBILITY_DATE = "2026-04-01";

/** The version of the workerd package that miniflare runs, e.g. `1.20260426.1`. */
function workerdVersion(): string {
  const fromMiniflare = createRequire(createRequire(import.meta.url).resolve("miniflare"));
  const pkg = fromMiniflare.resolve("workerd/package.json");
  return (JSON.parse(readFileSync(pkg, "utf8")) as { version: string }).version;
}

/**
 * workerd through Miniflare: a Worker module (the package bundled with the flow, as wrangler
 * would bundle it) whose fetch handler runs the flow and answers its result as JSON. Miniflare's
 * outbound network allows private addresses, 127.0.0.1 included, so the Worker's `fetch`
 * reaches the emulator with no extra option.
 */
export const workerdRunner: RuntimeRunner = {
  label: "workerd",
  runtime: "workerd",
  expectedEntry: "web",
  how:
    "Miniflare runs a Worker module bundled by esbuild (`workerd`, `worker`, `browser` " +
    "conditions); its fetch handler runs the flow",
  async run({ project, startTarget }: RunnerContext): Promise<RunnerOutput> {
    const script = await buildWorkerScript(project);
    const config = await startTarget();
    const worker = new Miniflare({
      modules: true,
      script: script.code,
      compatibilityDate: COMPATIBILITY_DATE,
    });
    try {
      const response = await worker.dispatchFetch("http://smoke.worker/", {
        method: "POST",
        body: JSON.stringify(config),
      });
      const text = await response.text();
      if (!response.ok) throw new Error(`the Worker answered ${response.status}: ${text}`);
      const flow = JSON.parse(text) as FlowResult;
      const output: RunnerOutput = { flow, version: workerdVersion() };
      if (script.entryFile !== undefined) output.entryFile = script.entryFile;
      return output;
    } finally {
      await worker.dispose();
    }
  },
};
