import { readFile } from "node:fs/promises";

/** One line of a client's `out` file: a result as it was yielded. */
export interface ReportedLine {
  index: number;
  kind: string;
  resumed: boolean;
}

/** How the results of a batch killed part-way and of its rerun cover the items. */
export interface ReportCoverage {
  /** Results the killed process had yielded (and written) before it died. */
  firstRun: number;
  rerun: number;
  /** Items reported by neither process. */
  inNeither: number;
  /** Items one process reported more than once. */
  twiceInOneRun: number;
  /** Items both processes reported: the rerun reports every item the journal knows. */
  inBoth: number;
  /** Of those, the rerun's reports without `resumed: true`. */
  inBothNotResumed: number;
}

/**
 * Reads a client's `out` file (`<index> <kind> <0|1>` per line); a last line cut short by a
 * kill is left out.
 */
export async function readReported(path: string): Promise<ReportedLine[]> {
  const text = await readFile(path, "utf8").catch(() => "");
  return text
    .split("\n")
    .map((line) => line.split(" "))
    .filter((fields) => fields.length === 3 && (fields[2] === "0" || fields[2] === "1"))
    .map(([index, kind, resumed]) => ({
      index: Number(index),
      kind: kind ?? "",
      resumed: resumed === "1",
    }));
}

/** Compares what the killed process and its rerun reported, item by item. */
export function reportCoverage(
  jobs: number,
  firstRun: readonly ReportedLine[],
  rerun: readonly ReportedLine[],
): ReportCoverage {
  const before = countByIndex(jobs, firstRun);
  const after = countByIndex(jobs, rerun);
  let inNeither = 0;
  let twiceInOneRun = 0;
  let inBoth = 0;
  for (let n = 0; n < jobs; n++) {
    const [b, a] = [before[n] ?? 0, after[n] ?? 0];
    if (a + b === 0) inNeither++;
    if (a > 1 || b > 1) twiceInOneRun++;
    if (a > 0 && b > 0) inBoth++;
  }
  const inBothNotResumed = rerun.filter(
    (line) => !line.resumed && (before[line.index] ?? 0) > 0,
  ).length;
  return {
    firstRun: firstRun.length,
    rerun: rerun.length,
    inNeither,
    twiceInOneRun,
    inBoth,
    inBothNotResumed,
  };
}

function countByIndex(jobs: number, lines: readonly ReportedLine[]): Uint16Array {
  const counts = new Uint16Array(jobs);
  for (const { index } of lines) if (index >= 0 && index < jobs) counts[index]! += 1;
  return counts;
}
