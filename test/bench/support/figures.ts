/** A target a figure is held to: `value op limit`. */
export interface Target {
  op: "<=" | ">=" | "<";
  limit: number;
}

/** One reported number, with its target when it has one. */
export interface Figure {
  /** The section of the issue it belongs to, e.g. "1 overhead". */
  section: string;
  /** What was measured. */
  name: string;
  value: number;
  unit: string;
  target?: Target;
  /** Whether `value` meets `target`; absent without a target. */
  met?: boolean;
}

/**
 * Builds a figure and decides whether it meets its target.
 *
 * @example
 * figure("3 bundle", "sieve-client, gzipped", 9_800, "B", { op: "<=", limit: 10_000 });
 */
export function figure(
  section: string,
  name: string,
  value: number,
  unit: string,
  target?: Target,
): Figure {
  if (!target) return { section, name, value, unit };
  return { section, name, value, unit, target, met: meets(value, target) };
}

function meets(value: number, { op, limit }: Target): boolean {
  if (op === "<=") return value <= limit;
  if (op === ">=") return value >= limit;
  return value < limit;
}

/**
 * The figures as a fixed-width text table: section, figure, value, target, met.
 *
 * @example
 * console.log(formatTable(figures));
 */
export function formatTable(figures: readonly Figure[]): string {
  const rows = figures.map((f) => [
    f.section,
    f.name,
    `${formatNumber(f.value)} ${f.unit}`.trim(),
    f.target ? `${f.target.op} ${formatNumber(f.target.limit)} ${f.unit}`.trim() : "",
    f.met === undefined ? "" : f.met ? "met" : "MISSED",
  ]);
  const header = ["section", "figure", "value", "target", "met"];
  const widths = header.map((title, i) =>
    Math.max(title.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

/**
 * A number as the table shows it: thousands grouped, at most 2 decimals (3 below 1).
 *
 * @example
 * formatNumber(12345.678); // "12,345.68"
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const digits = Math.abs(value) < 1 && value !== 0 ? 3 : 2;
  return value.toLocaleString("en-US", { maximumFractionDigits: digits });
}
