import { FLOW_STEPS } from "../flow/flow-types.js";
import type { RuntimeRun } from "./run-runtime.js";

/** One line per runtime: what it is, the entry it loaded, and how its steps went. */
export function formatLine(run: RuntimeRun): string {
  const passed = run.steps.filter((step) => step.ok).length;
  const head =
    `[runtimes] ${run.label}: ${run.runtime.name} ${run.runtime.version} loaded the ` +
    `${run.entry} entry (${run.entryFile}): ${passed}/${run.steps.length} steps passed ` +
    `in ${(run.ms / 1_000).toFixed(1)} s`;
  const failures = run.steps
    .filter((step) => !step.ok)
    .map((step) => `\n  ✗ ${step.name}: ${step.error ?? ""}`);
  return head + failures.join("");
}

/** Every failed step as `name: error`, for the test's assertion. */
export function failedSteps(run: RuntimeRun): string[] {
  return run.steps.filter((step) => !step.ok).map((step) => `${step.name}: ${step.error ?? ""}`);
}

/** A step's detail, or an empty string when it has none. */
function detailOf(run: RuntimeRun, name: string): string {
  return run.steps.find((step) => step.name === name)?.detail ?? "";
}

/**
 * What the run found beyond pass/fail: how soon an abort landed, how often the push to a
 * closed port was retried and whether its error says it may have arrived, the User-Agent.
 */
function findings(run: RuntimeRun): string {
  const abort = /(\d+) ms after the abort/.exec(detailOf(run, "abort mid-wait"))?.[1];
  const closed = /after (\d+ retr\w+); says the push ([^;]+)/.exec(detailOf(run, "closed port"));
  return [
    `abort landed ${abort ?? "?"} ms after it`,
    closed ? `closed port: ${closed[1]}, "${closed[2]}"` : "closed port: failed",
    `User-Agent received: \`${run.userAgent}\``,
  ].join("; ");
}

/** The entry and its file, e.g. `web: dist/src/index.js (global fetch)`. */
function entryCell(run: RuntimeRun): string {
  const sender = run.entry === "web" ? "global fetch" : "undici";
  return `${run.entry}: \`${run.entryFile}\` (${sender})`;
}

/**
 * The matrix as Markdown: a table runtime | version tested | entry it loads | what is tested |
 * time, then the steps of the flow and how to regenerate it.
 */
export function markdownTable(runs: readonly RuntimeRun[], regenerate: string): string {
  const rows = runs.map((run) => {
    const passed = run.steps.filter((step) => step.ok).length;
    const tested = `${run.how}; ${passed}/${run.steps.length} steps passed; ${findings(run)}`;
    const time = `${(run.ms / 1_000).toFixed(1)} s`;
    return `| ${run.label} | ${run.runtime.version} | ${entryCell(run)} | ${tested} | ${time} |`;
  });
  const steps = Object.entries(FLOW_STEPS).map(([name, what]) => `${name} (${what})`);
  return [
    "| Runtime | Version tested | Entry it loads | What is tested | Time |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
    "",
    `Each runtime runs the same smoke flow against the emulator on 127.0.0.1: ${steps.join("; ")}.`,
    "",
    stepTimings(runs),
    "",
    regenerate,
    "",
  ].join("\n");
}

/** Each step's outcome and time (as the runtime measured it) in each runtime, as Markdown. */
export function stepTimings(runs: readonly RuntimeRun[]): string {
  const cell = (run: RuntimeRun, name: string): string => {
    const step = run.steps.find((s) => s.name === name);
    return step ? `${step.ok ? "✓" : "✗"} ${step.ms} ms` : "–";
  };
  const rows = Object.keys(FLOW_STEPS).map(
    (name) => `| ${name} | ${runs.map((run) => cell(run, name)).join(" | ")} |`,
  );
  return [
    `| Step | ${runs.map((run) => run.label).join(" | ")} |`,
    `| --- | ${runs.map(() => "---").join(" | ")} |`,
    ...rows,
  ].join("\n");
}
