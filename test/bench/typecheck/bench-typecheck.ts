import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { figure, type Figure } from "../support/figures.js";
import { median, rotate, round } from "../support/stats.js";

const run = promisify(execFile);
const tscPath = createRequire(import.meta.url).resolve("typescript/lib/tsc.js");

/** Medians over the rounds, in ms, for one consumer. */
export interface TypecheckTimes {
  checkMs: number;
  totalMs: number;
  rounds: Array<{ checkMs: number; totalMs: number }>;
}

/** What the type-check benchmark measured. */
export interface TypecheckResult {
  rounds: number;
  sieve: TypecheckTimes;
  openapiFetch: TypecheckTimes;
  /** Medians of the per-round ratios sieve / openapi-fetch. */
  checkRatio: number;
  totalRatio: number;
  figures: Figure[];
}

const SECTION = "4 type-check";
const CONSUMERS = [
  { key: "sieve", tsconfig: "tsconfig.sieve.json" },
  { key: "openapiFetch", tsconfig: "tsconfig.openapi-fetch.json" },
] as const;

/**
 * Times `tsc --noEmit --extendedDiagnostics` on `sieve-consumer.ts` (every method of the client,
 * imported from the sources: tsc checks the client's code too) and on `openapi-fetch-consumer.ts`
 * (the same work on a bare openapi-fetch client), alternating, `rounds` times each. The target
 * is on tsc's own "Check time"; "Total time" (parse, bind and check) is reported beside it.
 *
 * @example
 * const result = await benchTypecheck(5);
 */
export async function benchTypecheck(rounds: number): Promise<TypecheckResult> {
  const samples = { sieve: [] as Sample[], openapiFetch: [] as Sample[] };
  for (let r = 0; r < rounds; r++) {
    for (const { key, tsconfig } of rotate(CONSUMERS, r)) samples[key].push(await runTsc(tsconfig));
  }
  const times = (list: Sample[]): TypecheckTimes => ({
    checkMs: median(list.map((s) => s.checkMs)),
    totalMs: median(list.map((s) => s.totalMs)),
    rounds: list,
  });
  const ratio = (pick: (s: Sample) => number) =>
    round(median(samples.sieve.map((s, i) => pick(s) / pickOr(samples.openapiFetch[i], pick))), 3);
  const result = {
    rounds,
    sieve: times(samples.sieve),
    openapiFetch: times(samples.openapiFetch),
    checkRatio: ratio((s) => s.checkMs),
    totalRatio: ratio((s) => s.totalMs),
  };
  const figures = [
    figure(SECTION, "sieve-client consumer, check time", result.sieve.checkMs, "ms"),
    figure(SECTION, "bare openapi-fetch consumer, check time", result.openapiFetch.checkMs, "ms"),
    figure(SECTION, "sieve-client / openapi-fetch, check time", result.checkRatio, "x", {
      op: "<",
      limit: 1.3,
    }),
    figure(SECTION, "sieve-client / openapi-fetch, total tsc time", result.totalRatio, "x"),
  ];
  return { ...result, figures };
}

interface Sample {
  checkMs: number;
  totalMs: number;
}

function pickOr(sample: Sample | undefined, pick: (s: Sample) => number): number {
  return sample ? pick(sample) : Number.NaN;
}

async function runTsc(tsconfig: string): Promise<Sample> {
  const project = fileURLToPath(new URL(tsconfig, import.meta.url));
  const { stdout } = await run(process.execPath, [tscPath, "-p", project, "--extendedDiagnostics"]);
  return {
    checkMs: round(seconds(stdout, "Check time") * 1_000),
    totalMs: round(seconds(stdout, "Total time") * 1_000),
  };
}

function seconds(output: string, label: string): number {
  const match = new RegExp(`^${label}:\\s+([\\d.]+)s$`, "m").exec(output);
  if (!match?.[1]) throw new Error(`tsc printed no "${label}":\n${output}`);
  return Number(match[1]);
}
