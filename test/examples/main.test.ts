/**
 * `npm start` (examples/main.ts) as a user runs it: no API key, no network; it must print the
 * streamed outputs of a finished job and the reason of a failed one, and exit 0.
 */
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const tsx = fileURLToPath(new URL("../../node_modules/.bin/tsx", import.meta.url));

describe("npm start", () => {
  it("runs the demo against the local emulator", async () => {
    const env = { ...process.env };
    delete env.SIEVE_API_KEY;
    const { stdout } = await promisify(execFile)(tsx, ["examples/main.ts"], {
      cwd: root,
      env,
      timeout: 30_000,
    });
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toMatch(/local Sieve emulator at http:\/\/127\.0\.0\.1:\d+\/v2/);
    expect(stdout).toMatch(/pushed demo\/dubbing: job [0-9a-f-]{36}/);
    // The long-poll (the default) reports the status a wait starts from and the one it ends with.
    expect(stdout).toContain("status: queued");
    expect(stdout).toContain("status: finished");
    for (const n of [1, 2, 3])
      expect(stdout).toMatch(new RegExp(`output ${n}: \\{"segment":${n},`));
    expect(stdout).toContain("finished with 3 output(s)");
    expect(stdout).toContain("demo/broken failed as expected: CUDA out of memory (demo)");
  }, 40_000);
});
