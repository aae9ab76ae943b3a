import { resolve } from "node:path";
import { UsageError } from "../../lib/errors.js";
import { STDIN_NAME } from "./read-requests.js";
import { partialPathOf } from "./results-sink.js";
import type { BatchPlaces } from "./batch-summary.js";

/** The journal a results file gets when `--journal` is not given. */
export function journalPathFor(out: string): string {
  return `${out}.journal`;
}

/**
 * Where `batch` reads and writes: the results file (`--out`, else stdout) and the journal
 * (`--journal`, else `<out>.journal` with `--out`, else none: results streamed to stdout are
 * not resumable unless asked, and stdin has no name to derive one from). Two of the requests
 * file, the results file (with its `.partial`) and the journal being the same file is a
 * `UsageError`: one would overwrite another.
 */
export function resolvePlaces(
  source: string,
  out: string | undefined,
  journal: string | undefined,
): BatchPlaces {
  const places = { out, journal: journal ?? (out === undefined ? undefined : journalPathFor(out)) };
  const named: Array<[string, string | undefined]> = [
    ["the requests file", source === STDIN_NAME ? undefined : source],
    ["--out", places.out],
    ["--out's .partial file", places.out === undefined ? undefined : partialPathOf(places.out)],
    ["--journal", places.journal],
  ];
  const seen = new Map<string, string>();
  for (const [what, path] of named) {
    if (path === undefined) continue;
    const same = seen.get(resolve(path));
    if (same !== undefined)
      throw new UsageError(`${what} and ${same} are the same file (${path})`, "batch");
    seen.set(resolve(path), what);
  }
  return places;
}
