import { open, readFile, rename, rm, type FileHandle } from "node:fs/promises";
import { CliError, UsageError } from "../../lib/errors.js";
import { ExitCode } from "../../lib/exit-codes.js";
import type { Screen } from "../../lib/screen.js";
import type { ResultRecord } from "./result-record.js";

/** Where `batch` writes its results, one JSON line per request. */
export interface ResultsSink {
  /** Writes one request's result. */
  write(record: ResultRecord): void;
  /** Aborted with a `CliError` (exit 74) once a write failed: the batch stops as on Ctrl-C. */
  readonly failed: AbortSignal;
  /**
   * Once every result is written, makes them the results (see `openResultsFile`); resolves
   * with the `CliError` of a write that failed, if one did.
   */
  finish(): Promise<CliError | undefined>;
  /**
   * Drops what was written (the batch ended before sending anything): the results file stays
   * as it was.
   */
  discard(): Promise<void>;
}

/** The file a results file is written to before it replaces the results file. */
export function partialPathOf(path: string): string {
  return `${path}.partial`;
}

/**
 * Results written to `path` for a batch of `total` requests, crash-safe: the lines go to
 * `<path>.partial` (emptied before the first line: a run that ends before writing any, such as
 * one refused because another batch holds the journal, leaves that batch's file alone) as the
 * results come; `finish` adds the earlier results of
 * `path` for the requests this run did not report (it was stopped before them), flushes the file
 * to disk and renames it to `path` in one step. So `path` holds each request at most once, its
 * latest result, and never a torn line: a run killed before `finish` leaves it as it was, and a
 * `.partial` the next run overwrites. A file that cannot be opened is a `UsageError`, before
 * anything is sent.
 */
export async function openResultsFile(path: string, total: number): Promise<ResultsSink> {
  const partial = partialPathOf(path);
  const handle = await open(partial, "a").catch((error: unknown) => {
    throw new UsageError(`cannot write the results to ${partial}: ${messageOf(error)}`, "batch");
  });
  let failure: CliError | undefined;
  const failed = new AbortController();
  const fail = (error: unknown) => {
    if (failure) return;
    const message = `cannot write to ${partial}: ${messageOf(error)}`;
    failure = new CliError(message, ExitCode.outputFailed, { cause: error });
    failed.abort(failure);
  };
  const reported = new Set<number>();
  let writes: Promise<unknown> = Promise.resolve();
  let emptied = false;
  const append = (text: string) => {
    writes = writes
      .then(async () => {
        if (failure) return;
        // Left by a run killed before its end; a device (/dev/null) has nothing to empty.
        if (!emptied && (await handle.stat()).size > 0) await handle.truncate(0);
        emptied = true;
        await handle.write(text);
      })
      .catch(fail);
  };
  return {
    write(record) {
      reported.add(record.index);
      append(`${JSON.stringify(record)}\n`);
    },
    failed: failed.signal,
    async finish() {
      append(await earlierLines(path, total, reported));
      await writes;
      if (!failure) await replace(handle, partial, path).catch(fail);
      else await handle.close().catch(() => undefined);
      return failure;
    },
    async discard() {
      await writes;
      await handle.close().catch(() => undefined);
      if (emptied) await rm(partial, { force: true }).catch(() => undefined);
    },
  };
}

/** Results on stdout, through the screen (stdout's failures stop the command as usual). */
export function stdoutResults(screen: Screen): ResultsSink {
  return {
    write: (record) => screen.out(JSON.stringify(record)),
    failed: new AbortController().signal,
    finish: async () => undefined,
    discard: async () => undefined,
  };
}

/**
 * The lines of an earlier results file for the requests not in `reported`, the first line of
 * each index below `total`; lines that are not a result (torn, edited) are left out.
 */
async function earlierLines(path: string, total: number, reported: Set<number>): Promise<string> {
  const text = await readFile(path, "utf8").catch(() => "");
  const kept: string[] = [];
  const seen = new Set(reported);
  for (const line of text.split("\n")) {
    const index = indexOf(line);
    if (index === undefined || index >= total || seen.has(index)) continue;
    seen.add(index);
    kept.push(`${line}\n`);
  }
  return kept.join("");
}

function indexOf(line: string): number | undefined {
  try {
    const value: unknown = JSON.parse(line);
    const index = (value as { index?: unknown } | null)?.index;
    return typeof index === "number" && Number.isSafeInteger(index) && index >= 0
      ? index
      : undefined;
  } catch {
    return undefined;
  }
}

async function replace(handle: FileHandle, partial: string, path: string): Promise<void> {
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(partial, path);
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
