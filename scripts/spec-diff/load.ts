/**
 * Reads an OpenAPI document from a file or an http(s) URL and parses it as JSON or YAML. Every
 * failure is a {@link SpecInputError} with a one-line message (the CLI's exit code 2).
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { assertOpenApiDocument, isObject, SpecInputError, type JsonObject } from "./normalize.js";

/** How long a URL may take to answer before the CLI gives up. */
const FETCH_TIMEOUT_MS = 30_000;

/** True when `source` is an http(s) URL rather than a file path. */
export function isUrl(source: string): boolean {
  return /^https?:\/\//i.test(source);
}

/** The first line of an error's message. */
function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0]?.trim() ?? "";
}

/**
 * Parses `text` as JSON (when it starts with `{`) or else YAML, and checks that it is an
 * OpenAPI 3.0 or 3.1 document; `source` names it in error messages.
 */
export function parseDocument(text: string, source: string): JsonObject {
  let value: unknown;
  const trimmed = text.trimStart();
  try {
    value = trimmed.startsWith("{") ? JSON.parse(trimmed) : parseYaml(text);
  } catch (error) {
    const format = trimmed.startsWith("{") ? "JSON" : "YAML";
    const reason = firstLine(error).replace(/:$/, "");
    throw new SpecInputError(`${source} is not valid ${format}: ${reason}`);
  }
  if (isObject(value) && typeof value.swagger === "string") {
    throw new SpecInputError(
      `${source} is Swagger ${value.swagger}; only OpenAPI 3.0 and 3.1 are supported`,
    );
  }
  return assertOpenApiDocument(value, source);
}

/** The text of a file, or a {@link SpecInputError} saying why it cannot be read. */
async function readText(file: string, source: string): Promise<string> {
  try {
    return await readFile(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "no such file"
        : code === "EISDIR"
          ? "it is a directory"
          : code === "EACCES"
            ? "permission denied"
            : firstLine(error);
    throw new SpecInputError(`cannot read ${source}: ${reason}`);
  }
}

/** The body of a URL, or a {@link SpecInputError} saying why it cannot be fetched. */
async function fetchText(url: string): Promise<string> {
  let response: Response;
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
      headers: { accept: "application/json, application/yaml;q=0.9, */*;q=0.5" },
    });
  } catch (error) {
    const cause = error instanceof Error && error.cause ? firstLine(error.cause) : "";
    throw new SpecInputError(`cannot fetch ${url}: ${cause || firstLine(error)}`);
  }
  if (!response.ok) {
    throw new SpecInputError(`cannot fetch ${url}: HTTP ${response.status}`);
  }
  return response.text();
}

/**
 * Loads and parses the OpenAPI document at `source`: an http(s) URL, or a file path resolved
 * against `cwd`.
 */
export async function loadDocument(
  source: string,
  cwd: string = process.cwd(),
): Promise<JsonObject> {
  const text = isUrl(source)
    ? await fetchText(source)
    : await readText(path.resolve(cwd, source), source);
  return parseDocument(text, source);
}
