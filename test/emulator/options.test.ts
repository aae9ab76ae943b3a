/**
 * `startEmulator` checks its options before it listens: an unknown name (a typo) or a value of
 * the wrong kind throws a SieveConfigError that names the option.
 */
import { describe, expect, it } from "vitest";
import { startEmulator, type EmulatorOptions } from "../../src/emulator/index.js";
import { useEmulators } from "./helpers.js";

const emulators = useEmulators();
/** Options the type checker would refuse, as a JavaScript caller may pass them. */
const loose = (options: unknown) => options as EmulatorOptions;

describe("startEmulator options", () => {
  it("rejects an unknown option, naming it and the likely one meant", async () => {
    await expect(startEmulator(loose({ fucntions: {} }))).rejects.toThrow(
      'startEmulator: unknown option "fucntions" (did you mean "functions"?). Known options: ' +
        "port, apiKey, functions, requestLogLimit, webhookTimeoutMs, awaitHoldMs, " +
        "maxConcurrency, organization, credits, cors, allowedHosts.",
    );
    await expect(startEmulator(loose({ awaitHold: 10 }))).rejects.toThrow(
      /unknown option "awaitHold" \(did you mean "awaitHoldMs"\?\)/,
    );
    await expect(startEmulator(loose({ APIKEY: "k" }))).rejects.toThrow(/did you mean "apiKey"/);
    await expect(startEmulator(loose({ verbose: true }))).rejects.toThrow(
      /^startEmulator: unknown option "verbose"\. Known options: port, /,
    );
  });

  it("rejects values of the wrong kind, naming the option", async () => {
    const cases: Array<[unknown, RegExp]> = [
      [null, /options must be an object, got null/],
      [[], /options must be an object, got an array/],
      [{ port: "8080" }, /port must be an integer, from 0 to 65535, got "8080"/],
      [{ port: 1.5 }, /port must be an integer/],
      [{ awaitHoldMs: "10" }, /awaitHoldMs must be a number/],
      [{ webhookTimeoutMs: -1 }, /webhookTimeoutMs must be a number, from 0/],
      [{ requestLogLimit: 0 }, /requestLogLimit must be an integer, from 1/],
      [{ credits: Infinity }, /credits must be a number, finite, got Infinity/],
      [{ apiKey: "" }, /apiKey must be a non-empty string, got ""/],
      [{ organization: 42 }, /organization must be a non-empty string, got 42/],
      [{ functions: [] }, /functions must be an object keyed "owner\/name", got an array/],
      [{ maxConcurrency: "2" }, /maxConcurrency must be a positive integer/],
    ];
    for (const [options, message] of cases) {
      await expect(startEmulator(loose(options)), JSON.stringify(options)).rejects.toThrow(message);
    }
  });

  it("takes every known option, undefined ones too", async () => {
    const emu = await emulators.start({
      port: undefined,
      apiKey: "key",
      functions: {},
      requestLogLimit: 10,
      webhookTimeoutMs: 100,
      awaitHoldMs: 100,
      maxConcurrency: 2,
      organization: "acme",
      credits: -1,
      cors: false,
      allowedHosts: [],
    });
    expect(emu.apiKey).toBe("key");
    expect((await emulators.start()).port).toBeGreaterThan(0);
  });
});
