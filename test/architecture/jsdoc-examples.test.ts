/**
 * The house rule on JSDoc examples: every declaration users can reach (what `src/index.ts`,
 * `src/node.ts` and `src/emulator/index.ts` export, the members of those interfaces and classes,
 * and the types of their signatures) has an `@example`; internal declarations have none. The
 * declarations are read from the program as `tsc` sees it (see ./public-surface.ts).
 */
import { describe, expect, it } from "vitest";
import { documentedDeclarations, type DocumentedDeclaration } from "./public-surface.js";

let found: DocumentedDeclaration[] | undefined;
/** Builds the TypeScript program once, inside the first test that needs it (a few seconds). */
function declarations(): DocumentedDeclaration[] {
  found ??= documentedDeclarations(process.cwd());
  return found;
}

describe("JSDoc examples", { timeout: 60_000 }, () => {
  it("gives every public declaration an @example", () => {
    const missing = declarations()
      .filter((d) => d.isPublic && !d.hasExample)
      .map((d) => d.where);
    expect(missing).toEqual([]);
  });

  it("gives no internal declaration an @example", () => {
    const extra = declarations()
      .filter((d) => !d.isPublic && d.hasExample)
      .map((d) => d.where);
    expect(extra).toEqual([]);
  });

  it("finds the public surface, so the checks above are not vacuous", () => {
    expect(declarations().filter((d) => d.isPublic).length).toBeGreaterThan(150);
  });
});
