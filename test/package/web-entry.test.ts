/**
 * The main entry stays web-standard, so it runs in browsers, Deno, Bun and Workers: the module
 * graph reached from src/index.ts imports no `node:` module and no package but openapi-fetch, and
 * has no dynamic `import()` (workerd refused the web build for one). The Node entry adds undici,
 * loaded on the first request; the emulator and CLI are Node-only and outside this graph.
 */
import { readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const IMPORT =
  /^\s*(?:import|export)\s[^"']*?from\s*["']([^"']+)["']|^\s*import\s*["']([^"']+)["']/gm;
/** An `import("...")` expression (not a `typeof import(...)` type): loaded when first needed. */
const DYNAMIC_IMPORT = /(?<!typeof\s+)\bimport\(\s*["']([^"']+)["']\s*\)/g;
/** Any `import(` expression, whatever its specifier (a computed one too). */
const ANY_DYNAMIC_IMPORT = /(?<!typeof\s+)\bimport\s*\(/;

/** What the graph rooted at an entry loads at run time. */
interface ModuleGraph {
  /** Every bare (package or node:) specifier, loaded at once or through a dynamic `import()`. */
  external: Set<string>;
  /** The files of the graph that hold a dynamic `import()`, relative to the repository. */
  lazy: string[];
}

/** The graph rooted at `entry` (a path in the repository), read from its sources. */
function moduleGraph(entry: string): ModuleGraph {
  const seen = new Set<string>();
  const external = new Set<string>();
  const lazy: string[] = [];
  const pending = [resolve(root, entry)];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(file, "utf8").replace(/\/\*[\s\S]*?\*\//g, "");
    if (ANY_DYNAMIC_IMPORT.test(code)) lazy.push(relative(root, file));
    const statics = [...code.matchAll(IMPORT)].filter(
      // A type-only import is erased from the JavaScript: it loads nothing at run time.
      (match) => !/^\s*(?:import|export)\s+type\b/.test(match[0]),
    );
    for (const match of [...statics, ...code.matchAll(DYNAMIC_IMPORT)]) {
      const specifier = (match[1] ?? match[2]) as string;
      if (specifier.startsWith("."))
        pending.push(resolve(dirname(file), specifier.replace(/\.js$/, ".ts")));
      else external.add(specifier);
    }
  }
  return { external, lazy };
}

describe("entries", () => {
  it("src/index.ts reaches only openapi-fetch, and no node: module", () => {
    expect([...moduleGraph("src/index.ts").external].sort()).toEqual(["openapi-fetch"]);
  });

  it("src/node.ts adds undici, node:stream and node:zlib to decode bodies, node:fs/promises for runAll's journal files, and nothing else", () => {
    expect([...moduleGraph("src/node.ts").external].sort()).toEqual([
      "node:fs/promises",
      "node:stream",
      "node:zlib",
      "openapi-fetch",
      "undici",
    ]);
  });

  it("src/index.ts loads every module at once: no dynamic import() (workerd refuses one)", () => {
    expect(moduleGraph("src/index.ts").lazy).toEqual([]);
  });

  it("src/node.ts has one dynamic import(): the undici sender, on the first request", () => {
    expect(moduleGraph("src/node.ts").lazy).toEqual(["src/core/http/lazy-undici-sender.ts"]);
  });

  it("the walk finds imports (it would see a node: import)", () => {
    expect(
      [...moduleGraph("src/emulator/index.ts").external].some((s) => s.startsWith("node:")),
    ).toBe(true);
  });
});
