import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type BuildOptions } from "esbuild";
import { figure, type Figure } from "../support/figures.js";

const root = fileURLToPath(new URL("../../../", import.meta.url));

/** The budget of the main entry, openapi-fetch included: 10 kB gzipped. */
export const BUNDLE_BUDGET_BYTES = 10_000;

/** Sizes of one bundle, in bytes. */
export interface BundleSize {
  minified: number;
  gzipped: number;
  /** Bytes each input contributes to the minified output, largest first. */
  inputs: Array<{ path: string; bytes: number }>;
}

/**
 * Bundles `src/index.ts` (the web-standard entry: no undici, no emulator) the way a browser
 * app's bundler would: esbuild, platform browser, ESM, minified, then gzip (node:zlib,
 * default level).
 *
 * @example
 * const { gzipped } = await measureMainEntry();
 */
export function measureMainEntry(): Promise<BundleSize> {
  return measure({ entryPoints: [`${root}src/index.ts`] });
}

/**
 * The main entry without openapi-fetch (left as an external import): the client's own code.
 *
 * @example
 * const { gzipped } = await measureOwnCode();
 */
export function measureOwnCode(): Promise<BundleSize> {
  return measure({ entryPoints: [`${root}src/index.ts`], external: ["openapi-fetch"] });
}

/**
 * Bundles openapi-fetch alone (its default and named exports) the same way, for comparison.
 *
 * @example
 * const { gzipped } = await measureOpenapiFetch();
 */
export function measureOpenapiFetch(): Promise<BundleSize> {
  return measure({
    stdin: {
      contents: 'export { default } from "openapi-fetch"; export * from "openapi-fetch";',
      resolveDir: root,
    },
  });
}

/**
 * Both bundles as figures; the main entry is held to `BUNDLE_BUDGET_BYTES`.
 *
 * @example
 * const { figures } = await benchBundle();
 */
export async function benchBundle(): Promise<{
  main: BundleSize;
  ownCode: BundleSize;
  openapiFetch: BundleSize;
  figures: Figure[];
}> {
  const main = await measureMainEntry();
  const ownCode = await measureOwnCode();
  const openapiFetch = await measureOpenapiFetch();
  const section = "3 bundle";
  const figures = [
    figure(section, "src/index.ts, minified", main.minified, "B"),
    figure(section, "src/index.ts, minified + gzipped", main.gzipped, "B", {
      op: "<=",
      limit: BUNDLE_BUDGET_BYTES,
    }),
    figure(section, "src/index.ts without openapi-fetch, gzipped", ownCode.gzipped, "B"),
    figure(section, "openapi-fetch alone, minified + gzipped", openapiFetch.gzipped, "B"),
  ];
  return { main, ownCode, openapiFetch, figures };
}

async function measure(entry: BuildOptions): Promise<BundleSize> {
  const result = await build({
    ...entry,
    absWorkingDir: root,
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  const code = result.outputFiles[0]?.contents ?? new Uint8Array();
  const output = Object.values(result.metafile.outputs)[0];
  const inputs = Object.entries(output?.inputs ?? {})
    .map(([path, { bytesInOutput }]) => ({ path, bytes: bytesInOutput }))
    .sort((a, b) => b.bytes - a.bytes);
  return { minified: code.length, gzipped: gzipSync(code).length, inputs };
}
