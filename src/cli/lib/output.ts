import {
  jobOutputs,
  type Concurrency,
  type DetailedUsage,
  type FunctionIO,
  type FunctionVersion,
  type Job,
  type JobCost,
  type JobLogLine,
  type SieveFunction,
} from "../../node.js";

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
  for (const [name, input] of Object.entries(job.inputs ?? {}))
    rows.push([`input ${name}`, JSON.stringify(input.data) ?? "null"]);
  const lines = table(rows);
  jobOutputs(job).forEach((output, i) => lines.push(formatOutput(output, i + 1)));
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
 * Functions as a table: name, visibility, title.
 */
export function formatFunctionTable(functions: readonly SieveFunction[]): string[] {
  if (functions.length === 0) return ["no functions"];
  return table([
    ["function", "visibility", "title"],
    ...functions.map((fn) => [
      `${fn.owner_name}/${fn.name}`,
      fn.visibility ?? "-",
      fn.title ?? "-",
    ]),
  ]);
}

/**
 * One log line: `<timestamp> [<stage>] <message>`.
 */
export function formatLogLine(line: JobLogLine): string {
  return `${line.timestamp} [${line.stage}] ${line.message}`;
}

/**
 * Usage: the totals, then one row per machine type used.
 */
export function formatUsage(usage: DetailedUsage): string[] {
  const rows: Array<[string, string]> = [
    ["compute", `${round(usage.total_compute_seconds)} s`],
    ["cost", dollars(usage.total_cost_dollars)],
  ];
  for (const [machine, used] of Object.entries(usage)) {
    if (used && typeof used === "object" && "cost_dollars" in used)
      rows.push([machine, `${round(used.compute_seconds)} s, ${dollars(used.cost_dollars)}`]);
  }
  return table(rows);
}

/**
 * The concurrency limit and the jobs that count against it now.
 */
export function formatConcurrency(now: Concurrency): string[] {
  return table([
    ["limit", String(now.max_concurrency)],
    ["processing", String(now.num_processing)],
    ["queued", String(now.num_queued)],
    ["waiting for a slot", String(now.num_limited)],
  ]);
}

/**
 * A job's cost, with the function that ran it.
 */
export function formatJobCost(cost: JobCost): string[] {
  return table([
    ["job", cost.job_id],
    ["function", `${cost.function_owner_name}/${cost.function_name}`],
    ["cost", dollars(cost.cost)],
  ]);
}

function round(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}

function dollars(value: number): string {
  return `$${value.toFixed(value !== 0 && Math.abs(value) < 0.01 ? 6 : 2)}`;
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
