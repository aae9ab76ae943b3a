/**
 * The live status line on a terminal: the real CLI runs under a pseudo-terminal (util-linux
 * `script`), and its status line must be redrawn in place (carriage return + erase line) with
 * the elapsed time going up, then left on its own line when the job ends.
 */
import { describe, expect, it } from "vitest";
import { CLEAR_LINE } from "../../src/cli/lib/screen.js";
import { clientFor } from "../emulator/helpers.js";
import {
  cliCommand,
  cliEnv,
  connect,
  releaseGate,
  spawnWatched,
  useTestEmulator,
} from "./helpers.js";

const emu = useTestEmulator();

const quote = (arg: string) => `'${arg.replace(/'/g, `'\\''`)}'`;

describe("sieve-client wait on a terminal", () => {
  it("redraws the status line in place with the elapsed time, then prints the outputs", async () => {
    const { id } = await clientFor(emu).jobs.push({ function: "test/gated", inputs: {} });
    const command = [...cliCommand, "wait", id, ...connect(emu)].map(quote).join(" ");
    const env = cliEnv({ SHELL: "/bin/sh" });
    const cli = spawnWatched("/usr/bin/script", ["-qfec", command, "/dev/null"], env, 25_000);
    const redraws = new RegExp(`(${escape(CLEAR_LINE)}processing [^\\n]*){4}`);
    await cli.waitFor("stdout", redraws);
    releaseGate(id);
    const { code, stdout } = await cli.exited;
    expect(code).toBe(0);

    const lines = stdout.split(/\r?\n/);
    const live = lines.find((line) => line.includes(`${CLEAR_LINE}processing`)) ?? "";
    const draws = live.split(CLEAR_LINE).filter(Boolean);
    const seconds = draws.map((draw) => {
      const match = new RegExp(`^(\\w+) +(\\d+\\.\\d)s  job ${id}\\r?$`).exec(draw);
      expect(match, JSON.stringify(draw)).not.toBeNull();
      return Number(match?.[2]);
    });
    expect(new Set(seconds).size).toBeGreaterThanOrEqual(3);
    expect(seconds).toEqual([...seconds].sort((a, b) => a - b));
    expect(draws.at(-1)).toMatch(/^finished /);
    expect(lines).toContain('output 1 (str): "released"');
  }, 30_000);
});

function escape(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&");
}
