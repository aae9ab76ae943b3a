import { readFileSync } from "node:fs";
import { SieveInputError } from "../../node.js";

/**
 * Turns `--input` arguments into a push's `inputs`: `key=value` is a string, `key:=json` a JSON
 * value (`count:=3`, `file:='{"url":"https://..."}'`), and `key=@file.json` the JSON in that
 * file. A repeated key, a missing `=`, bad JSON or an unreadable file throws `SieveInputError`.
 */
export function parseInputs(
  args: readonly string[],
  readFile: (path: string) => string = readText,
): Record<string, unknown> {
  const inputs: Record<string, unknown> = {};
  for (const arg of args) {
    const eq = arg.indexOf("=");
    if (eq <= 0)
      throw new SieveInputError(
        "--input",
        `expected key=value, key:=json or key=@file.json, got "${arg}"`,
      );
    const isJson = arg[eq - 1] === ":";
    const key = arg.slice(0, isJson ? eq - 1 : eq);
    const raw = arg.slice(eq + 1);
    if (key === "") throw new SieveInputError("--input", `missing the key in "${arg}"`);
    if (Object.hasOwn(inputs, key)) throw new SieveInputError(`--input ${key}`, "given twice");
    if (isJson) inputs[key] = parseJson(`--input ${key}`, raw);
    else if (raw.startsWith("@"))
      inputs[key] = parseJson(`--input ${key}`, readFileOrFail(key, raw.slice(1), readFile));
    else inputs[key] = raw;
  }
  return inputs;
}

function readText(path: string): string {
  return readFileSync(path, "utf8");
}

function readFileOrFail(key: string, path: string, readFile: (path: string) => string): string {
  try {
    return readFile(path);
  } catch (error) {
    throw new SieveInputError(`--input ${key}`, `cannot read ${path}: ${(error as Error).message}`);
  }
}

function parseJson(field: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new SieveInputError(
      field,
      `not valid JSON: ${text.length > 60 ? `${text.slice(0, 60)}…` : text}`,
    );
  }
}
