/**
 * `sieve-client emulator` as a user runs it: it prints how to reach it, serves the demo
 * functions to another CLI process (`run demo/dubbing` streams three outputs, `demo/broken`
 * fails), and stops cleanly on SIGINT/SIGTERM with exit 0.
 */
import { describe, expect, it } from "vitest";
import { startEmulator } from "../../src/emulator/index.js";
import { cliEnv, expectOneErrorLine, runCliProcess, spawnCli } from "./helpers.js";

describe.concurrent("sieve-client emulator", { timeout: 30_000 }, () => {
  it("serves the demo functions to `run` until SIGINT", async () => {
    const emulator = spawnCli(["emulator"]);
    const printed = await emulator.waitFor("stdout", /^SIEVE_API_KEY=.+$/m);
    const env = cliEnv({
      SIEVE_API_URL: /^SIEVE_API_URL=(.+)$/m.exec(printed)?.[1] ?? "?",
      SIEVE_API_KEY: /^SIEVE_API_KEY=(.+)$/m.exec(printed)?.[1] ?? "?",
    });
    expect(env.SIEVE_API_URL).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/v2$/);
    await emulator.waitFor("stderr", /Ctrl-C stops it/);
    expect(emulator.stderr()).toContain(
      `npx sieve-client run demo/dubbing --input target_language=spanish --base-url ${env.SIEVE_API_URL} --api-key ${env.SIEVE_API_KEY}`,
    );

    const [dubbing, broken] = await Promise.all([
      runCliProcess(["run", "demo/dubbing", "--input", "target_language=spanish"], { env }),
      runCliProcess(["run", "demo/broken"], { env }),
    ]);
    expect(dubbing.code).toBe(0);
    expect(dubbing.stdout.trimEnd().split("\n")).toEqual([
      'output 1 (dict): {"segment":1,"language":"spanish","text":"[spanish] Hello everyone,"}',
      'output 2 (dict): {"segment":2,"language":"spanish","text":"[spanish] welcome to the show."}',
      'output 3 (dict): {"segment":3,"language":"spanish","text":"[spanish] Let\'s begin."}',
    ]);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/failed: CUDA out of memory \(demo\)\n$/);

    emulator.child.kill("SIGINT");
    const stopped = await emulator.exited;
    expect(stopped.code).toBe(0);
    expect(stopped.stderr).toMatch(/emulator stopped\n$/);
  });

  it("--json prints one JSON document, --api-key sets its key, SIGTERM stops it", async () => {
    const emulator = spawnCli(["emulator", "--json", "--api-key", "test-key"]);
    await emulator.waitFor("stderr", /Ctrl-C stops it/);
    emulator.child.kill("SIGTERM");
    const { code, stdout } = await emulator.exited;
    expect(code).toBe(0);
    const info = JSON.parse(stdout) as { url: string; apiKey: string; functions: string[] };
    expect(info.apiKey).toBe("test-key");
    expect(info.functions).toEqual(["demo/dubbing", "demo/broken"]);
  });

  it("exits 2 when --port is taken", async () => {
    const taken = await startEmulator();
    try {
      const { code, stderr } = await runCliProcess(["emulator", "--port", String(taken.port)]);
      expect(code).toBe(2);
      expectOneErrorLine(stderr, new RegExp(`port ${taken.port} is already in use`));
    } finally {
      await taken.close();
    }
  });
});
