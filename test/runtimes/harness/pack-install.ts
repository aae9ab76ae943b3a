import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expectSuccess, runProcess } from "./run-process.js";

/** A fresh project with the packed package installed in its node_modules. */
export interface InstalledProject {
  /** The project's folder: run the runtimes and bundle from here. */
  dir: string;
  /** The tarball `npm pack` made. */
  tarball: string;
  /** The installed package, `<dir>/node_modules/sieve-client`. */
  packageDir: string;
}

/** Files `npm pack` needs besides `files`: the build's configs (`prepack` builds dist/). */
const BUILD_FILES = [
  "package.json",
  "README.md",
  "LICENSE",
  "tsconfig.json",
  "tsconfig.build.json",
];

/**
 * Packs the repository at `root` with `npm pack`, as it would be published, and installs the
 * tarball into a fresh project in a temporary folder (under `parent`, default the OS's).
 *
 * It packs a staged copy (the build configs and the `files` of package.json, with the
 * repository's node_modules linked in), never the repository itself: `prepack` rebuilds dist/,
 * and the package tier packs the repository at the same time.
 */
export async function packAndInstall(
  root: string,
  parent: string = tmpdir(),
): Promise<InstalledProject> {
  const work = mkdtempSync(join(parent, "sieve-client-runtimes-"));
  const stage = join(work, "stage");
  const dir = join(work, "project");
  mkdirSync(dir, { recursive: true });
  stageRepository(root, stage);

  const limit = { timeoutMs: 240_000 };
  const packed = expectSuccess(
    "npm pack",
    await runProcess("npm", ["pack", "--pack-destination", dir, "--json"], {
      cwd: stage,
      ...limit,
    }),
  );
  const tarball = join(dir, (JSON.parse(packed) as Array<{ filename: string }>)[0]!.filename);

  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "runtimes-consumer", private: true, type: "module" }),
  );
  const install = ["install", tarball, "--prefer-offline", "--no-audit", "--no-fund"];
  expectSuccess(
    "npm install of the tarball",
    await runProcess("npm", [...install, "--ignore-scripts"], { cwd: dir, ...limit }),
  );
  return { dir, tarball, packageDir: join(dir, "node_modules", "sieve-client") };
}

/** Copies what `npm pack` reads into `stage`, and links the repository's node_modules. */
function stageRepository(root: string, stage: string): void {
  const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { files?: string[] };
  const shipped = (pkg.files ?? []).filter((f) => !f.startsWith("!") && f !== "dist");
  for (const path of [...BUILD_FILES, ...shipped]) {
    cpSync(join(root, path), join(stage, path), { recursive: true });
  }
  symlinkSync(join(root, "node_modules"), join(stage, "node_modules"), "dir");
}
