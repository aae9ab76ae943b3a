import { existsSync } from "node:fs";

const built = (path: string) => {
  const entry = new URL(`../../../dist/src/${path}`, import.meta.url);
  if (!existsSync(entry)) {
    throw new Error(`${entry.pathname} is missing: run npm run build first (npm run bench does).`);
  }
  return entry.href;
};

/**
 * The client as its users run it: the built package's Node entry (`npm run build`), not the
 * TypeScript sources through tsx, whose esbuild transform (`keepNames`) wraps every named
 * function in a `__name` call that gives it a property array of its own: about 250 bytes more
 * per closure a wait or a request makes, and the calls' CPU time.
 */
export const sieveClient = (await import(
  built("node.js")
)) as typeof import("../../../src/node.js");

/** The built web-standard entry (fetch), as Bun, Deno, browsers and workers get it. */
export const sieveWebClient = (await import(
  built("index.js")
)) as typeof import("../../../src/index.js");
