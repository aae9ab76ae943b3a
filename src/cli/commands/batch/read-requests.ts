import { readFile } from "node:fs/promises";
import type { PushJobRequest } from "../../../node.js";
import { UsageError } from "../../lib/errors.js";
import { describeRequestProblem } from "./request-shape.js";

/** The name that stands for standard input instead of a file. */
export const STDIN_NAME = "-";

/** Reads the whole text of a file, or of standard input for `-`. */
export type TextReader = (source: string) => Promise<string>;

/**
 * Reads the requests of `batch` (JSON lines, one push request each; blank lines skipped) and
 * checks every line before anything is sent: an unreadable file or a line that is not JSON or
 * not a push request is a `UsageError` naming the line and why. Returns the requests in file
 * order: a request's index in the results is its position among the non-blank lines.
 */
export async function readRequests(
  source: string,
  read: TextReader = readSource,
): Promise<PushJobRequest[]> {
  const where = source === STDIN_NAME ? "stdin" : source;
  let text: string;
  try {
    text = await read(source);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new UsageError(`cannot read ${where}: ${why}`, "batch");
  }
  return parseRequestLines(text, where);
}

/**
 * Parses JSON lines into push requests (see `readRequests`); `where` names the file in errors.
 */
export function parseRequestLines(text: string, where: string): PushJobRequest[] {
  const requests: PushJobRequest[] = [];
  // A byte order mark, as some editors write, is not part of the first line's JSON.
  const lines = text.replace(/^\uFEFF/, "").split("\n");
  for (const [at, raw] of lines.entries()) {
    const line = raw.replace(/\r$/, "");
    if (line.trim() === "") continue;
    requests.push(parseLine(line, `${where} line ${at + 1}`));
  }
  return requests;
}

/** One line as a push request, or a `UsageError` that starts with `where`. */
function parseLine(line: string, where: string): PushJobRequest {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new UsageError(`${where}: not JSON (${why})`, "batch");
  }
  const problem = describeRequestProblem(value);
  if (problem) throw new UsageError(`${where}: ${problem}`, "batch");
  return value as PushJobRequest;
}

function readSource(source: string): Promise<string> {
  return source === STDIN_NAME ? readStream(process.stdin) : readFile(source, "utf8");
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: string[] = [];
  stream.setEncoding("utf8");
  for await (const chunk of stream) chunks.push(String(chunk));
  return chunks.join("");
}
