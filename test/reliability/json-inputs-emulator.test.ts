/**
 * The emulator half of json-inputs.test.ts (which is a unit test): through both entries, an input
 * JSON cannot carry never reaches a server, and a valid one arrives once, exactly as checked.
 */
import { describe, expect, it } from "vitest";
import { SieveInputError } from "../../src/index.js";
import { untyped } from "../support/fake-fetch.js";
import { ENTRIES, clientOf, useReliabilityEmulators } from "./support.js";

describe.each(ENTRIES)("against the emulator, %s", (_entry, create) => {
  const emulators = useReliabilityEmulators();

  it("a refused push reaches no server; a valid one arrives once, as checked", async () => {
    const emulator = await emulators.start();
    const sieve = clientOf(create, emulator);
    const error = await sieve.jobs
      .push({ function: "demo/echo", inputs: { text: "hi", n: untyped(10n) } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SieveInputError);
    expect(emulator.requests.count({ method: "POST", path: "/push" })).toBe(0);

    await sieve.jobs.push({
      function: "demo/echo",
      inputs: { text: "hi", at: untyped(new Date(0)) },
    });
    const pushes = emulator.requests.matching({ method: "POST", path: "/push" });
    expect(pushes).toHaveLength(1);
    expect(JSON.parse(pushes[0]!.body ?? "")).toEqual({
      function: "demo/echo",
      inputs: { text: "hi", at: "1970-01-01T00:00:00.000Z" },
    });
  });
});
