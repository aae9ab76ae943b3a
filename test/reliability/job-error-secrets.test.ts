/**
 * A function's own error text may quote its env ("invalid key sk-..."): `jobs.run` knows the
 * push's env values and masks them in the SieveJobFailedError it throws.
 */
import { inspect } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { createSieveClient, SieveJobFailedError } from "../../src/node.js";

const SECRET = "env-OPENAI-0b9d3c7a55e1";
let emulator: Emulator | undefined;
afterEach(async () => emulator?.close());

describe("jobs.run and a job whose error quotes its env", () => {
  it("masks the env value everywhere in the error", async () => {
    emulator = await startEmulator({
      functions: {
        "demo/keyed": {
          delayMs: 5,
          handler: (_inputs, { env }) => {
            throw new Error(`invalid key ${env.OPENAI_API_KEY}`);
          },
        },
      },
    });
    const sieve = createSieveClient({ apiKey: emulator.apiKey, baseUrl: emulator.url });
    const request = { function: "demo/keyed", inputs: {}, env: { OPENAI_API_KEY: SECRET } };
    const error = await sieve.jobs.run(request, { intervalMs: 10 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SieveJobFailedError);
    const failed = error as SieveJobFailedError;
    expect(failed.jobError).toBe("invalid key [redacted]");
    const everything = [
      failed.message,
      failed.stack,
      String(failed),
      JSON.stringify(failed),
      inspect(failed, { depth: 9 }),
    ];
    for (const text of everything) expect(text).not.toContain(SECRET);
    expect(JSON.stringify(failed.job)).not.toContain(SECRET);
  });
});
