/**
 * `runCli` in this process, for what needs no signal and no terminal: help, version, and each
 * kind of usage error (exit 2, one line, no stack). The real process is driven in the other
 * files; this one covers the many small cases without a process each.
 */
import { describe, expect, it } from "vitest";
import { commands } from "../../src/cli/commands/index.js";
import { ExitCode } from "../../src/cli/lib/exit-codes.js";
import { runCli } from "../../src/cli/run-cli.js";
import { VERSION } from "../../src/node.js";
import { fakeIo } from "./fake-io.js";
import { expectOneErrorLine, useTestEmulator } from "./helpers.js";

const emu = useTestEmulator();

describe("runCli", () => {
  it("prints the version", async () => {
    const io = fakeIo();
    expect(await runCli(["--version"], io)).toBe(ExitCode.ok);
    expect(io.out).toBe(`${VERSION}\n`);
  });

  it("prints each command's usage with its own options and examples", async () => {
    for (const command of commands) {
      for (const argv of [
        [command.name, "--help"],
        ["help", command.name],
      ]) {
        const io = fakeIo();
        expect(await runCli(argv, io)).toBe(ExitCode.ok);
        expect(io.out).toMatch(new RegExp(`^Usage: sieve-client ${command.name} `));
        for (const option of command.options) expect(io.out).toContain(`--${option}`);
        expect(io.out).toContain(`  sieve-client ${command.examples[0]}`);
        expect(io.err).toBe("");
      }
    }
  });

  it("prints the usage on stderr and exits 2 without arguments", async () => {
    const io = fakeIo();
    expect(await runCli([], io)).toBe(ExitCode.usage);
    expect(io.out).toBe("");
    expect(io.err).toMatch(/^Usage: sieve-client <command>/);
  });

  it.each([
    [["pus"], /unknown command "pus" \(see sieve-client --help\)/],
    [["help", "pus"], /unknown command "pus"/],
    [["--json"], /missing the command/],
    [["get", "x", "--nope"], /unknown option --nope \(see sieve-client get --help\)/],
    [["get", "x", "--json=yes"], /--json takes no value/],
    [["wait", "x", "--timeout"], /--timeout needs a value/],
    [["list", "--offset", "-1"], /--offset needs a value; write --offset=<value>/],
    [["push", "test/echo", "--limit", "3"], /push does not take --limit \(see sieve-client push/],
    [["get"], /get: missing <job-id>/],
    [["get", "a", "b"], /get: unexpected argument "b"/],
    [["push", "test/echo", "--input", "a:={"], /Invalid --input a: not valid JSON/],
    [["push", "test/echo", "--input", "a=@/no/such.json"], /Invalid --input a: cannot read/],
    [["run", "test/echo", "--input", "a=1", "--input", "a=2"], /Invalid --input a: given twice/],
    [["list", "--limit", "ten"], /--limit must be a whole number 1 or more \(got "ten"\)/],
    [["list", "--limit", "0"], /--limit must be a whole number 1 or more/],
    [["wait", "x", "--timeout", "1.5"], /--timeout must be a whole number from 1 to 2147483647/],
    [["emulator", "--port", "70000"], /--port must be a whole number from 0 to 65535/],
    [["list", "--status", ""], /--status needs a status, e.g. queued, processing/],
    [["push", "nope"], /Invalid .*"owner\/name"/],
    [["get", "../admin"], /Invalid jobId/],
    [["list", "--base-url", "ftp://x"], /baseUrl must use https/],
  ])("exits 2 with one line for %j", async (argv, message) => {
    const io = fakeIo();
    const code = await runCli(["--api-key", emu.apiKey, "--base-url", emu.url, ...argv], io);
    expect(code).toBe(ExitCode.usage);
    expect(io.out).toBe("");
    expectOneErrorLine(io.err, message);
  });

  it("exits 2 without an API key, before sending anything", async () => {
    const before = emu.requests.count({});
    const io = fakeIo({ SIEVE_API_KEY: " " });
    expect(await runCli(["list", "--base-url", emu.url], io)).toBe(ExitCode.usage);
    expectOneErrorLine(io.err, /no API key: pass --api-key or set SIEVE_API_KEY/);
    expect(emu.requests.count({})).toBe(before);
  });
});
