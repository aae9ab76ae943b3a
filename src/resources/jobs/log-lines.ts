import type { LogsResponse } from "../../../generated/sieve.js";
import type { JobLogLine } from "./log-types.js";

const ISO_TIME = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?Z?$/;

/**
 * A key that sorts as the times do: `2024-12-15T01:41:59.1Z` and `...59.195000Z` have fractions
 * of other widths, which do not sort as text. A timestamp of another form is its own key.
 */
function timeKey(timestamp: unknown): string {
  const text = String(timestamp);
  const parts = ISO_TIME.exec(text);
  return parts ? `${parts[1]}.${(parts[2] ?? "").padEnd(9, "0")}` : text;
}

/**
 * The lines of a logs answer, each with its group's labels flattened onto it, oldest first
 * (lines of one time keep the answer's order).
 *
 * @example
 * const answer = await sieve.jobs.logs(id);
 * for (const line of logLines(answer)) console.log(line.timestamp, line.stage, line.message);
 */
export function logLines(answer: LogsResponse): JobLogLine[] {
  const lines = answer.data.flatMap((group) =>
    group.logs.map((line) => ({ ...group.labels, ...line })),
  );
  const keys = new Map(lines.map((line) => [line, timeKey(line.timestamp)]));
  return lines.sort((a, b) => {
    const [x, y] = [keys.get(a)!, keys.get(b)!];
    return x < y ? -1 : x > y ? 1 : 0;
  });
}

/**
 * Keeps, of each answer of a follow, only the lines not yielded yet. `next_start_time` asks for
 * what comes after the last line, but it is an integer of nanoseconds past 2^53, which JSON
 * numbers round by up to 128 ns: the next answer may hold the last lines again. So lines older
 * than the newest time yielded are dropped, and lines of that very time already yielded too
 * (counted, so that a line written twice in one instant is yielded twice).
 */
export function createLogFilter(): (lines: JobLogLine[]) => JobLogLine[] {
  let newest = "";
  let atNewest = new Map<string, number>();
  const idOf = (line: JobLogLine) => JSON.stringify([line.stage, line.run_id, line.message]);
  return (lines) => {
    let seen = new Map(atNewest);
    const fresh: JobLogLine[] = [];
    for (const line of lines) {
      const key = timeKey(line.timestamp);
      if (key < newest) continue;
      const id = idOf(line);
      if (key === newest) {
        const count = seen.get(id) ?? 0;
        if (count > 0) {
          seen.set(id, count - 1);
          continue;
        }
      } else {
        newest = key;
        atNewest = new Map();
        seen = new Map();
      }
      atNewest.set(id, (atNewest.get(id) ?? 0) + 1);
      fresh.push(line);
    }
    return fresh;
  };
}
