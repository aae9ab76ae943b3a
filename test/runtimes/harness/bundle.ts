import { build, type Metafile } from "esbuild";
import { join } from "node:path";
import { browserEntry, commandLineEntry, workerEntry } from "./entry-sources.js";
import type { InstalledProject } from "./pack-install.js";

/** A script built for one runtime, and which file of the package it loaded as the entry. */
export interface BuiltScript {
  /** The JavaScript, for a bundle served or handed over as text. */
  code: string;
  /** The entry within the package, e.g. `dist/src/index.js`, when the bundle contains it. */
  entryFile?: string;
}

/**
 * For Node, Bun and Deno: the entry and the flow as `<project>/smoke.mjs`, with `sieve-client`
 * left as an import, so that each runtime resolves it from the project's node_modules with its
 * own conditions. Returns the script's path.
 */
export async function buildCommandLineScript(project: InstalledProject): Promise<string> {
  const outfile = join(project.dir, "smoke.mjs");
  await build({
    stdin: { contents: commandLineEntry, resolveDir: project.dir, sourcefile: "smoke-entry.mjs" },
    bundle: true,
    external: ["sieve-client"],
    format: "esm",
    platform: "neutral",
    target: "es2022",
    outfile,
    logLevel: "silent",
  });
  return outfile;
}

/**
 * For a page: the package, as a bundler would pick it for browsers (the `browser` condition),
 * bundled with the flow into one ES module.
 */
export function buildBrowserScript(project: InstalledProject): Promise<BuiltScript> {
  return bundle(project, browserEntry, "browser", ["browser"]);
}

/**
 * For workerd: a Worker module bundled as wrangler bundles one (conditions `workerd`, `worker`,
 * `browser`, no Node built-ins).
 */
export function buildWorkerScript(project: InstalledProject): Promise<BuiltScript> {
  return bundle(project, workerEntry, "neutral", ["workerd", "worker", "browser"]);
}

async function bundle(
  project: InstalledProject,
  contents: string,
  platform: "browser" | "neutral",
  conditions: string[],
): Promise<BuiltScript> {
  const result = await build({
    stdin: { contents, resolveDir: project.dir, sourcefile: "smoke-entry.mjs" },
    absWorkingDir: project.dir,
    bundle: true,
    format: "esm",
    platform,
    conditions,
    mainFields: ["browser", "module", "main"],
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.text ?? "";
  const entryFile = bundledEntry(result.metafile);
  return entryFile === undefined ? { code } : { code, entryFile };
}

/** The package's entry among the bundle's inputs: node.js when present (it imports index.js). */
function bundledEntry(metafile: Metafile): string | undefined {
  const files = Object.keys(metafile.inputs)
    .map((input) => /node_modules\/sieve-client\/(dist\/src\/[^/]+\.js)$/.exec(input)?.[1])
    .filter((file): file is string => file !== undefined);
  return files.find((f) => f.endsWith("/node.js")) ?? files.find((f) => f.endsWith("/index.js"));
}
