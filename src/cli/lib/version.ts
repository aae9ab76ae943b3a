import { readFileSync } from "node:fs";

/**
 * This package's version, as `--version` prints it: the version in the package's own
 * package.json (the nearest one named sieve-client above this file, from src/ as from dist/),
 * so that `--version` loads no part of the client; else the client's `VERSION`. A test keeps the
 * two equal.
 */
export async function cliVersion(): Promise<string> {
  for (let dir = new URL("./", import.meta.url); ;) {
    const found = readPackageJson(new URL("package.json", dir));
    if (found?.name === "sieve-client" && typeof found.version === "string") return found.version;
    const parent = new URL("../", dir);
    if (parent.href === dir.href) break;
    dir = parent;
  }
  return (await import("../../node.js")).VERSION;
}

function readPackageJson(url: URL): { name?: unknown; version?: unknown } | undefined {
  try {
    return JSON.parse(readFileSync(url, "utf8")) as { name?: unknown; version?: unknown };
  } catch {
    return undefined;
  }
}
