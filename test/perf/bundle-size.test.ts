import { describe, expect, it } from "vitest";
import { measureMainEntry } from "../bench/bundle/bundle-size.js";

/**
 * The 10 kB target (`BUNDLE_BUDGET_BYTES` in test/bench/bundle) is missed today: the main entry gzips to about 11.2 kB
 * (README, Performance). Until it is met, this guard holds the size where it is, so that it can
 * only shrink; lower CURRENT_CEILING_BYTES as it does, and drop it for the budget once under.
 */
const CURRENT_CEILING_BYTES = 11_500;

describe("the web-standard main entry, bundled for browsers (esbuild, minified, gzipped)", () => {
  it("does not grow past its current ceiling (the 10 kB target is tracked by npm run bench)", async () => {
    const { gzipped } = await measureMainEntry();
    expect(gzipped).toBeLessThanOrEqual(CURRENT_CEILING_BYTES);
  });

  it("holds neither the emulator, nor undici, nor anything from node:", async () => {
    const { inputs } = await measureMainEntry();
    const paths = inputs.map((input) => input.path);
    expect(paths.some((path) => path.startsWith("src/index.ts"))).toBe(true);
    expect(paths.filter((path) => /emulator|undici|^node:/.test(path))).toEqual([]);
  });
});
