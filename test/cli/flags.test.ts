/**
 * The flags around the connection, in this process: `--allow-insecure-http` (and the config error
 * that points at it, not at the client's option), a refused `emulator --api-key ''`, the hint on
 * a 404 from a base URL without `/v2`, and the exit codes the help lists.
 */
import { describe, expect, it } from "vitest";
import { commands } from "../../src/cli/commands/index.js";
import { OutputError } from "../../src/cli/lib/errors.js";
import { ExitCode } from "../../src/cli/lib/exit-codes.js";
import { runCli } from "../../src/cli/run-cli.js";
import { generalUsage } from "../../src/cli/lib/usage.js";
import { fakeIo } from "./fake-io.js";
import { expectOneErrorLine, useTestEmulator } from "./helpers.js";

// 0.0.0.0 reaches it as a host that is not loopback (the --allow-insecure-http case).
const emu = useTestEmulator({ allowedHosts: ["0.0.0.0"] });
const key = () => ["--api-key", emu.apiKey];

describe("sieve-client connection flags", () => {
  it("plain http:// to a remote host is refused, pointing at --allow-insecure-http", async () => {
    const io = fakeIo();
    const code = await runCli(["list", ...key(), "--base-url", "http://example.invalid/v2"], io);
    expect(code).toBe(ExitCode.usage);
    expectOneErrorLine(io.err, /or pass --allow-insecure-http for a trusted network/);
    expect(io.err).not.toContain("allowInsecureHttp");
  });

  it("--allow-insecure-http lets a non-loopback http:// base URL through", async () => {
    const before = emu.requests.count({ path: "/jobs" });
    const io = fakeIo();
    const url = emu.url.replace("127.0.0.1", "0.0.0.0");
    const code = await runCli(["list", ...key(), "--base-url", url, "--allow-insecure-http"], io);
    expect([code, io.err]).toEqual([ExitCode.ok, ""]);
    expect(emu.requests.count({ path: "/jobs" })).toBe(before + 1);
  });

  it.each([[""], [" "], [" key"], ["key\n"]])(
    "emulator --api-key %j is a usage error, and nothing is served",
    async (apiKey) => {
      const io = fakeIo();
      expect(await runCli(["emulator", "--api-key", apiKey], io)).toBe(ExitCode.usage);
      expect(io.out).toBe("");
      expectOneErrorLine(io.err, /--api-key .*\(see sieve-client emulator --help\)$/);
    },
  );

  it("a 404 from a base URL without /v2 says the base URL usually ends in /v2", async () => {
    const io = fakeIo();
    const base = emu.url.replace(/\/v2$/, "");
    expect(await runCli(["list", ...key(), "--base-url", base], io)).toBe(ExitCode.apiError);
    expectOneErrorLine(
      io.err,
      new RegExp(`404 .*\\(the base URL usually ends in /v2: ${base} does not\\)$`),
    );
  });

  it("a 404 from a base URL ending in /v2 has no such hint", async () => {
    const io = fakeIo({ SIEVE_API_URL: emu.url });
    const unknown = "00000000-0000-4000-8000-000000000000";
    expect(await runCli(["get", unknown, ...key()], io)).toBe(ExitCode.apiError);
    expectOneErrorLine(io.err, /404/);
    expect(io.err).not.toContain("/v2:");
  });

  it("a failed write to stdout after a successful command is its exit code", async () => {
    const io = fakeIo();
    io.outputFailure = new OutputError(
      Object.assign(new Error("ENOSPC: no space left"), { code: "ENOSPC" }),
    );
    expect(await runCli(["--version"], io)).toBe(ExitCode.outputFailed);
    expectOneErrorLine(io.err, /^sieve-client: cannot write to stdout: ENOSPC: no space left$/);
  });

  it("the help lists every exit code and the new flag", () => {
    const help = generalUsage(commands);
    for (const code of Object.values(ExitCode)) expect(help).toMatch(new RegExp(`\\b${code} `));
    expect(help).toContain("--allow-insecure-http");
  });
});
