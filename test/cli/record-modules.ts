import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { cliEnv, root } from "./helpers.js";

const recorder = fileURLToPath(new URL("./record-modules.mjs", import.meta.url));

/** How a process ended, and the modules it loaded (paths relative to the repository). */
export interface RecordedRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Each module the process loaded through the ES module loader, in load order. */
  modules: string[];
}

/**
 * Runs `node --import tsx <args>` from the repository's root with `record-modules.mjs`, and
 * resolves with its output and the modules it loaded: `src/cli/main.ts`, `src/node.ts`,
 * `node_modules/undici/index.js`... (node: built-ins are left out).
 */
export function runRecorded(
  args: readonly string[],
  env: NodeJS.ProcessEnv = cliEnv(),
): Promise<RecordedRun> {
  const dir = mkdtempSync(join(tmpdir(), "sieve-client-modules-"));
  const file = join(dir, "modules.txt");
  const nodeArgs = ["--import", "tsx", "--import", recorder, ...args];
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      nodeArgs,
      { cwd: root, env: { ...env, RECORD_MODULES_TO: file }, timeout: 30_000 },
      (error, stdout, stderr) => {
        let listed = "";
        try {
          listed = readFileSync(file, "utf8");
        } catch {
          // Nothing was loaded through the hook: the list stays empty.
        }
        rmSync(dir, { recursive: true, force: true });
        const modules = listed
          .split("\n")
          .filter((url) => url.startsWith("file:"))
          .map((url) => fileURLToPath(url).slice(root.length).replace(/^\//, ""));
        const code = error ? (typeof error.code === "number" ? error.code : null) : 0;
        resolve({ code, stdout, stderr, modules });
      },
    );
  });
}
