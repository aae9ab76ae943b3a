/**
 * sieve-client is not on the npm registry yet (no version of it has been published), so the
 * README must not tell people to `npm install sieve-client`: it tells them to build a tarball
 * with `npm pack` in a clone and install that file. When the package is published, this test
 * changes with the Install section.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const readme = readFileSync(`${root}README.md`, "utf8");
const pkg = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as {
  name: string;
  version: string;
};
const tarball = `${pkg.name}-${pkg.version}.tgz`;

/** The README's `## ` sections, by title. */
function sections(markdown: string): Map<string, string> {
  const result = new Map<string, string>();
  for (const part of markdown.split(/^## /m).slice(1)) {
    const newline = part.indexOf("\n");
    result.set(part.slice(0, newline).trim(), part.slice(newline + 1));
  }
  return result;
}

/** `npm install sieve-client` (or `npm i`/`npm add`, with flags): an install from the registry. */
const registryInstall = /\bnpm\s+(?:install|i|add)\s+(?:-\S+\s+)*sieve-client(?![\w./-])/;

describe("README install instructions", () => {
  const byTitle = sections(readme);
  const install = byTitle.get("Install") ?? "";

  it("has an Install section", () => expect(install).not.toBe(""));

  it("builds the tarball with npm pack in a clone and installs that file", () => {
    expect(install).toMatch(/\bgit clone\b/);
    expect(install).toMatch(/^npm pack\b/m);
    expect(install).toMatch(new RegExp(`^npm install \\S*/${tarball.replace(/\./g, "\\.")}$`, "m"));
  });

  it("says the package is not on the registry", () => {
    expect(install).toMatch(/not published on the npm registry/);
  });

  it("tells nobody to install sieve-client from the registry", () => {
    const offending = [...byTitle]
      .filter(([, text]) => registryInstall.test(text))
      .map(([title]) => title);
    expect(offending).toEqual([]);
  });

  it("recognises a registry install, and not a tarball install", () => {
    expect(registryInstall.test("npm install sieve-client")).toBe(true);
    expect(registryInstall.test("npm i -D sieve-client")).toBe(true);
    expect(registryInstall.test(`npm install ./${tarball}`)).toBe(false);
    expect(registryInstall.test(`npm install ../sieve-client/${tarball}`)).toBe(false);
  });
});
