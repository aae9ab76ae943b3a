/**
 * The main entry stays web-standard, so it runs in browsers, Deno, Bun and Workers: the module
 * graph reached from src/index.ts imports no `node:` module and no package but openapi-fetch.
 * The Node entry adds undici; the emulator and CLI are Node-only and outside this graph.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const IMPORT =
  /^\s*(?:import|export)\s[^"']*?from\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm;

/** Every bare (package or node:) specifier loaded at run time by the graph rooted at `entry`. */
function externalImports(entry: string): Set<string> {
  const seen = new Set<string>();
  const external = new Set<string>();
  const pending = [resolve(root, entry)];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
    for (const match of code.matchAll(IMPORT)) {
      // A type-only import is erased from the JavaScript: it loads nothing at run time.
      if (/^\s*(?:import|export)\s+type\b/.test(match[0])) continue;
      const specifier = (match[1] ?? match[2]) as string;
      if (specifier.startsWith("."))
        pending.push(resolve(dirname(file), specifier.replace(/\.js$/, ".ts")));
      else external.add(specifier);
    }
  }
  return external;
}

describe("entries", () => {
  it("src/index.ts reaches only openapi-fetch, and no node: module", () => {
    expect([...externalImports("src/index.ts")].sort()).toEqual(["openapi-fetch"]);
  });

  it("src/node.ts adds undici, node:stream and node:zlib to decode bodies, node:fs/promises for runAll's journal files, and nothing else", () => {
    expect([...externalImports("src/node.ts")].sort()).toEqual([
      "node:fs/promises",
      "node:stream",
      "node:zlib",
      "openapi-fetch",
      "undici",
    ]);
  });

  it("the walk finds imports (it would see a node: import)", () => {
    expect([...externalImports("src/emulator/index.ts")].some((s) => s.startsWith("node:"))).toBe(
      true,
    );
  });
});
