/**
 * Compares `openapi/sieve.yaml` with another OpenAPI document, for when Sieve changes its API:
 *
 *   npm run spec:diff -- <file or http(s) URL> [--json] [--annotations] [--base <file>]
 *
 * Prints every difference in operations, parameters, request and response bodies in both
 * directions, one line each, breaking changes first and marked `BREAKING` (from the point of
 * view of this client, written for the base document), then a summary line. JSON or YAML,
 * OpenAPI 3.0 or 3.1; `$ref`s are inlined and the server path folded into the paths before
 * comparing (see scripts/spec-diff/normalize.ts for everything that is normalised).
 *
 * Exit code: 0 when nothing is breaking, 1 when something is, 2 when no comparison could be
 * made (a missing argument, an unreadable file or URL, a document that is not OpenAPI 3.x),
 * with a one-line message on stderr.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { compareDocuments } from "./spec-diff/compare.js";
import { formatJson, formatText, type Report } from "./spec-diff/format.js";
import { isUrl, loadDocument } from "./spec-diff/load.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const USAGE =
  "usage: npm run spec:diff -- <file or http(s) URL> [--json] [--annotations] [--base <file>]";

const HELP = `${USAGE}

Compares openapi/sieve.yaml (or --base) with another OpenAPI 3.0/3.1 document, JSON or YAML.
  --json          print the changes as JSON
  --annotations   also list description, title and example changes (always counted)
  --base <file>   compare this document instead of openapi/sieve.yaml
Exit code: 0 no breaking change, 1 breaking changes, 2 usage error.`;

/** Runs the CLI with `argv` (without node and the script); returns the exit code. */
async function main(argv: string[]): Promise<number> {
  let values: { json?: boolean; annotations?: boolean; base?: string; help?: boolean };
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        json: { type: "boolean" },
        annotations: { type: "boolean" },
        base: { type: "string" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    const message = error instanceof Error ? error.message.split(/\.\s/)[0] : String(error);
    process.stderr.write(`spec:diff: ${message} (${USAGE})\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const [source, ...extra] = positionals;
  if (source === undefined || extra.length > 0) {
    const problem = source === undefined ? "missing the document to compare" : "one document only";
    process.stderr.write(`spec:diff: ${problem} (${USAGE})\n`);
    return 2;
  }

  const basePath = values.base ?? path.join(root, "openapi", "sieve.yaml");
  const baseName = isUrl(basePath) ? basePath : path.relative(process.cwd(), basePath) || basePath;
  try {
    const [base, other] = await Promise.all([loadDocument(basePath), loadDocument(source)]);
    const changes = compareDocuments(base, other, { base: baseName, other: source });
    const report: Report = {
      base: { source: baseName, openapi: String(base.openapi) },
      other: { source, openapi: String(other.openapi) },
      changes,
    };
    const options = { annotations: values.annotations === true };
    process.stdout.write(values.json ? formatJson(report, options) : formatText(report, options));
    return changes.some((change) => change.type === "breaking") ? 1 : 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`spec:diff: ${message.split("\n")[0]}\n`);
    return 2;
  }
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on("error", (error: NodeJS.ErrnoException) => {
  if (error.code !== "EPIPE") throw error;
});
process.exitCode = await main(process.argv.slice(2));
