import type { FunctionIO, FunctionVersion, Job, SieveFunction } from "../../node.js";

/**
 * One output on one line: its number, its Sieve type and its data as JSON (so that a string
 * with line breaks or a file's `{ url }` still fits on one line).
 */
export function formatOutput(output: FunctionIO, index: number): string {
  const type = output.type ? ` (${output.type})` : "";
  return `output ${index}${type}: ${JSON.stringify(output.data) ?? "null"}`;
}

/**
 * A job as aligned `field value` lines, its inputs and outputs one per line.
 */
export function formatJob(job: Job): string[] {
  const rows: Array<[string, string]> = [
    ["id", job.id],
    ["function", functionName(job)],
    ["status", job.status],
    ["created", job.created_at ?? "-"],
    ["started", job.started_at ?? "-"],
    ["completed", job.completed_at ?? "-"],
  ];
  if (job.error) rows.push(["error", job.error]);
  for (const [name, input] of Object.entries(job.inputs))
    rows.push([`input ${name}`, JSON.stringify(input.data) ?? "null"]);
  const lines = table(rows);
  job.outputs.forEach((output, i) => lines.push(formatOutput(output, i + 1)));
  return lines;
}

/**
 * Jobs as a table: id, status, function, created.
 */
export function formatJobTable(jobs: readonly Job[]): string[] {
  if (jobs.length === 0) return ["no jobs"];
  return table([
    ["id", "status", "function", "created"],
    ...jobs.map((job) => [job.id, job.status, functionName(job), job.created_at ?? "-"]),
  ]);
}

/**
 * A function: name, description, its latest version and the inputs that version declares.
 */
export function formatFunction(fn: SieveFunction): string[] {
  const version = fn.latest_version;
  const rows: Array<[string, string]> = [
    ["function", `${fn.owner_name}/${fn.name}`],
    ["description", fn.description ?? "-"],
    ["version", version?.id ?? "-"],
    ["compute", version ? `${version.compute_type}${version.gpu ? " (gpu)" : ""}` : "-"],
  ];
  for (const input of version?.inputs ?? []) {
    const optional = input.is_optional ? ", optional" : "";
    const about = input.description ? `: ${input.description}` : "";
    rows.push([`input ${input.name ?? "?"}`, `${input.type ?? "any"}${optional}${about}`]);
  }
  return table(rows);
}

/**
 * Versions as a table: id, build status, compute type, ready since.
 */
export function formatVersions(versions: readonly FunctionVersion[]): string[] {
  if (versions.length === 0) return ["no versions"];
  return table([
    ["id", "build", "compute", "ready"],
    ...versions.map((v) => [v.id, v.build_status, v.compute_type, v.ready_at ?? "-"]),
  ]);
}

/**
 * The document `--json` prints: indented JSON, one document.
 */
export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

function functionName(job: Job): string {
  return job.function ? `${job.function.owner_name}/${job.function.name}` : job.function_id;
}

/** Rows padded into columns (the last column is not padded). */
function table(rows: ReadonlyArray<readonly string[]>): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  "),
  );
}
