import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { generateTypes } from "../../../scripts/generate.js";
import { figure, type Figure } from "../support/figures.js";
import { median, rotate, round } from "../support/stats.js";
import { syntheticSpec } from "./synthetic-spec.js";

/** One spec's generation figures. */
export interface GenerationTimes {
  /** The spec as compact JSON, in bytes (the same measure for the YAML and the synthetic one). */
  jsonBytes: number;
  operations: number;
  schemas: number;
  outputLines: number;
  /** Median over the rounds, in ms. */
  ms: number;
  rounds: number[];
}

/** What the generation benchmark measured. */
export interface GenerateResult {
  spec: GenerationTimes;
  tenfold: GenerationTimes;
  figures: Figure[];
}

const specPath = fileURLToPath(new URL("../../../openapi/sieve.yaml", import.meta.url));
const FACTOR = 10;

/**
 * Times `generateTypes` (what `npm run generate` runs: openapi-typescript, then prettier) on
 * openapi/sieve.yaml and on a synthetic spec 10 times its size (see `syntheticSpec`), written
 * as JSON to a temporary directory that is removed afterwards. The two alternate, `rounds`
 * times each, after one unmeasured warm-up run of each.
 *
 * @example
 * const { spec, tenfold } = await benchGenerate(3);
 */
export async function benchGenerate(rounds: number): Promise<GenerateResult> {
  const dir = await mkdtemp(path.join(tmpdir(), "sieve-bench-spec-"));
  try {
    const bigPath = path.join(dir, "sieve-x10.json");
    const big = await syntheticSpec(specPath, FACTOR);
    await writeFile(bigPath, JSON.stringify(big));
    const inputs = [
      { key: "spec", file: specPath, parsed: await syntheticSpec(specPath, 1) },
      { key: "tenfold", file: bigPath, parsed: big },
    ] as const;
    const times = { spec: [] as number[], tenfold: [] as number[] };
    const lines = { spec: 0, tenfold: 0 };
    for (const { key, file } of inputs) lines[key] = (await generateTypes(file)).split("\n").length;
    for (let r = 0; r < rounds; r++) {
      for (const { key, file } of rotate(inputs, r)) {
        const started = performance.now();
        await generateTypes(file);
        times[key].push(round(performance.now() - started));
      }
    }
    const [spec, tenfold] = inputs.map(({ key, parsed }) => ({
      jsonBytes: JSON.stringify(parsed).length,
      ...countDefinitions(parsed),
      outputLines: lines[key],
      ms: median(times[key]),
      rounds: times[key],
    })) as [GenerationTimes, GenerationTimes];
    const section = "5 generation";
    const figures = [
      figure(section, `openapi/sieve.yaml (${spec.operations} operations)`, spec.ms, "ms"),
      figure(section, `synthetic 10x spec (${tenfold.operations} operations)`, tenfold.ms, "ms"),
      figure(section, "10x spec / spec, time", round(tenfold.ms / spec.ms, 2), "x"),
    ];
    return { spec, tenfold, figures };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function countDefinitions(spec: Record<string, unknown>): { operations: number; schemas: number } {
  const methods = new Set(["get", "put", "post", "delete", "patch", "options", "head", "trace"]);
  const paths = Object.values(spec.paths as Record<string, Record<string, unknown>>);
  const operations = paths.reduce(
    (n, item) => n + Object.keys(item).filter((key) => methods.has(key)).length,
    0,
  );
  const components = spec.components as { schemas?: Record<string, unknown> } | undefined;
  return { operations, schemas: Object.keys(components?.schemas ?? {}).length };
}
