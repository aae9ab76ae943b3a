/**
 * `createSieveClient` in a web page: refused without `dangerouslyAllowBrowser: true` (the key
 * would be readable by anyone who opens the page), allowed with it; never refused elsewhere.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSieveClient, SieveConfigError } from "../../../src/index.js";

const inPage = () => {
  vi.stubGlobal("window", { document: {} });
  vi.stubGlobal("navigator", { userAgent: "Mozilla/5.0 (test page)" });
};
afterEach(() => vi.unstubAllGlobals());

describe("in a browser", () => {
  it("refuses to create a client, saying why and what to do instead", () => {
    inPage();
    let caught: unknown;
    try {
      createSieveClient({ apiKey: "k", fetch: globalThis.fetch });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SieveConfigError);
    const { message } = caught as Error;
    expect(message).toContain("readable by anyone who opens the page");
    expect(message).toContain("Call Sieve from your backend");
    expect(message).toContain("dangerouslyAllowBrowser: true");
    expect(message).not.toContain('"k"');
  });

  it("creates it with dangerouslyAllowBrowser: true", () => {
    inPage();
    const sieve = createSieveClient({ apiKey: "k", dangerouslyAllowBrowser: true });
    expect(typeof sieve.jobs.get).toBe("function");
  });

  it("refuses dangerouslyAllowBrowser that is not a boolean", () => {
    // @ts-expect-error: a string is not a boolean
    expect(() => createSieveClient({ apiKey: "k", dangerouslyAllowBrowser: "yes" })).toThrow(
      SieveConfigError,
    );
  });
});

describe("outside a browser", () => {
  it.each([
    ["Node (no window)", () => undefined],
    ["a worker (navigator, no window)", () => vi.stubGlobal("navigator", { userAgent: "w" })],
    ["a window without a document (Deno 1)", () => vi.stubGlobal("window", {})],
  ])("%s: no opt-in needed", (_where, setUp) => {
    setUp();
    expect(() => createSieveClient({ apiKey: "k" })).not.toThrow();
  });
});
