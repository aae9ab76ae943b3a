/**
 * `npm run bench`: measures request overhead, waiting at scale, bundle size, type-check cost,
 * generation time and startup (import) time, each against its alternative in the same run, and
 * `jobs.runAll` under faults and across a crash; prints a table (figure, target, met or missed)
 * and writes every figure and every round to bench-results.json.
 *
 *   npm run bench                        the full run (about 6 minutes on 2 cores)
 *   BENCH_QUICK=1 npm run bench          fewer and shorter rounds, no 10,000-wait scale
 *   BENCH_ONLY=bundle,typecheck npm run bench   only these sections
 *   BENCH_KILL_SEED=7 BENCH_ONLY=runall npm run bench   runAll, killed at another seeded point
 *
 * Sections: overhead, wait, bundle, typecheck, generate, runall, startup.
 */
import { writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { benchBundle } from "./bundle/bundle-size.js";
import { benchGenerate } from "./generate/bench-generate.js";
import { benchOverhead } from "./overhead/bench-overhead.js";
import { benchRunAll } from "./run-all/bench-run-all.js";
import { benchStartup } from "./startup/bench-startup.js";
import { formatTable, type Figure } from "./support/figures.js";
import { describeMachine } from "./support/machine.js";
import { benchTypecheck } from "./typecheck/bench-typecheck.js";
import { benchWait } from "./wait/bench-wait.js";

const quick = process.env.BENCH_QUICK === "1";
const only = process.env.BENCH_ONLY?.split(",").map((name) => name.trim());
const config = {
  quick,
  overhead: { rounds: quick ? 4 : 12, windowMs: quick ? 400 : 600, inFlight: 8 },
  wait: {
    spreadMs: 10_000,
    scales: quick
      ? [{ jobs: 1_000, rounds: 1 }]
      : [
          { jobs: 1_000, rounds: 3 },
          { jobs: 10_000, rounds: 1 },
        ],
  },
  typecheckRounds: quick ? 2 : 5,
  generateRounds: quick ? 1 : 3,
  runall: {
    jobs: quick ? 2_000 : 10_000,
    concurrency: 200,
    faultRate: 0.2,
    seed: 1,
    resumeJobs: quick ? 2_000 : 10_000,
    killSeed: Number(process.env.BENCH_KILL_SEED ?? 1),
  },
  startupRounds: quick ? 8 : 25,
};

const sections: Record<string, () => Promise<{ figures: Figure[] }>> = {
  overhead: () => benchOverhead(config.overhead),
  wait: () => benchWait(config.wait.scales, config.wait.spreadMs),
  bundle: () => benchBundle(),
  typecheck: () => benchTypecheck(config.typecheckRounds),
  generate: () => benchGenerate(config.generateRounds),
  runall: () => benchRunAll(config.runall),
  startup: () => benchStartup(config.startupRounds),
};

const machine = describeMachine();
const startedAt = new Date().toISOString();
const started = performance.now();
console.log(
  `sieve-client benchmarks${quick ? " (quick)" : ""}: ${machine.cpus} cores (${machine.cpuModel}), ` +
    `Node ${machine.node}, load average ${machine.loadAverage}`,
);
const results: Record<string, unknown> = {};
const figures: Figure[] = [];
for (const [name, bench] of Object.entries(sections)) {
  if (only && !only.includes(name)) continue;
  const sectionStarted = performance.now();
  process.stdout.write(`${name}... `);
  const result = await bench();
  results[name] = result;
  figures.push(...result.figures);
  console.log(`${((performance.now() - sectionStarted) / 1_000).toFixed(1)} s`);
}
const durationS = Math.round((performance.now() - started) / 100) / 10;

console.log(`\n${formatTable(figures)}\n`);
const missed = figures.filter((f) => f.met === false);
const targets = figures.filter((f) => f.met !== undefined).length;
console.log(`${targets - missed.length} of ${targets} targets met; whole run ${durationS} s.`);
for (const f of missed) console.log(`MISSED: ${f.section}: ${f.name} = ${f.value} ${f.unit}`);

const outPath = fileURLToPath(new URL("../../bench-results.json", import.meta.url));
const report = {
  machine,
  config,
  startedAt: new Date().toISOString(),
  durationS,
  figures,
  results,
};
await writeFile(outPath, `${JSON.stringify(report, null, 2)}\n`);
console.log(`wrote bench-results.json`);
