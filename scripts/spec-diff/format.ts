/**
 * Renders a comparison for people (one line per change, in sections by classification, then a
 * summary line) or for programs (JSON). Pure: builds strings, writes nothing.
 */
import { CHANGE_TYPES, type Change, type ChangeType } from "./compare.js";

/** One compared document, as the report names it. */
export interface DocumentInfo {
  /** The path or URL as given (the base: relative to the working directory). */
  source: string;
  /** Its `openapi` version field. */
  openapi: string;
}

/** The result of comparing the base document with another one. */
export interface Report {
  base: DocumentInfo;
  other: DocumentInfo;
  changes: Change[];
}

/** What to include in the output. */
export interface FormatOptions {
  /** List annotation changes (descriptions, titles, examples) too; they are only counted if not. */
  annotations: boolean;
}

const SECTION_TITLES: Record<ChangeType, string> = {
  breaking: "Breaking changes",
  "non-breaking": "Non-breaking changes",
  unclassified: "Unclassified changes, to check by hand",
  deprecated: "Deprecations",
  annotation: "Annotations (descriptions, titles, examples)",
};

/** How many changes of each type the report holds. */
export function countByType(changes: readonly Change[]): Record<ChangeType, number> {
  const counts = Object.fromEntries(CHANGE_TYPES.map((type) => [type, 0])) as Record<
    ChangeType,
    number
  >;
  for (const change of changes) counts[change.type] += 1;
  return counts;
}

/** The label column: `BREAKING` for a breaking change, else what happened (`added`...). */
export function label(change: Change): string {
  if (change.type === "breaking") return "BREAKING";
  if (change.type === "deprecated") return "deprecated";
  return { add: "added", remove: "removed", replace: "changed", rename: "renamed" }[change.action];
}

/** One change as one line: `BREAKING  GET /v2/jobs  response 200 body: ...`. */
export function formatLine(change: Change): string {
  return `${label(change).padEnd(10)}${change.operation ?? "(document)"}  ${change.message}`;
}

/** The closing line: the count of each type of change, and which of them are not listed. */
export function summaryLine(changes: readonly Change[], options: FormatOptions): string {
  const counts = countByType(changes);
  const operations = new Set(
    changes.filter((c) => c.type === "breaking").map((c) => c.operation ?? "(document)"),
  );
  const parts = [
    `${counts.breaking} breaking${counts.breaking > 0 ? ` (in ${operations.size} operation${operations.size === 1 ? "" : "s"})` : ""}`,
    `${counts["non-breaking"]} non-breaking`,
    `${counts.unclassified} unclassified`,
    `${counts.deprecated} deprecated`,
    `${counts.annotation} annotation${options.annotations || counts.annotation === 0 ? "" : " (not listed; --annotations lists them)"}`,
  ];
  return `Summary: ${parts.join(", ")}`;
}

/** Which changes the output lists. */
function listed(changes: readonly Change[], options: FormatOptions): Change[] {
  return changes.filter((change) => options.annotations || change.type !== "annotation");
}

/** The report as text: a header, one section per type of change, and the summary line. */
export function formatText(report: Report, options: FormatOptions): string {
  const lines = [
    `Comparing ${report.base.source} (OpenAPI ${report.base.openapi}) with ${report.other.source} (OpenAPI ${report.other.openapi})`,
  ];
  const shown = listed(report.changes, options);
  if (report.changes.length === 0) lines.push("", "No differences.");
  for (const type of CHANGE_TYPES) {
    const section = shown.filter((change) => change.type === type);
    if (section.length === 0) continue;
    lines.push("", `${SECTION_TITLES[type]} (${section.length}):`);
    for (const change of section) lines.push(formatLine(change));
  }
  lines.push("", summaryLine(report.changes, options));
  return `${lines.join("\n")}\n`;
}

/** The report as JSON: both documents, the count of each type, and the listed changes. */
export function formatJson(report: Report, options: FormatOptions): string {
  const output = {
    base: report.base,
    other: report.other,
    summary: countByType(report.changes),
    changes: listed(report.changes, options),
  };
  return `${JSON.stringify(output, null, 2)}\n`;
}
