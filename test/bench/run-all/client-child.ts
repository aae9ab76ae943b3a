/**
 * The client process of the runAll benchmark, apart from the emulator so that its memory is the
 * client's alone: runs `sieve.jobs.runAll` over the benchmark's requests (`workload.ts`) with
 * default wait options, counts what it yields, and samples its own memory.
 *
 *   node --import tsx test/bench/run-all/client-child.ts '<ClientArgs as JSON>'
 *
 * Protocol (JSON lines, see ../support/json-lines.ts): prints `{"type":"ready"}`; runs the batch
 * on `{"cmd":"start"}` and prints `{"type":"result",...}` (`ClientResult`); exits when stdin
 * closes. With `out`, each result is also appended to that file as it is yielded, one line
 * `<index> <finished|ambiguous|ErrorName> <resumed 0|1>`, written synchronously, so that what a
 * process killed part-way had reported survives it.
 */
import { closeSync, openSync, writeSync } from "node:fs";
import type { BatchResult, PushJobRequest } from "../../../src/node.js";
import { sieveClient } from "../support/built-client.js";
import { forceGc } from "../support/gc.js";
import { emit, listenForCommands } from "../support/json-lines.js";
import type { ClientArgs, ClientResult } from "./run-all-types.js";
import { benchRequests } from "./workload.js";

const { createSieveClient, jobOutputs, SieveAmbiguousPushError } = sieveClient;
const MB = 1024 * 1024;
const args = JSON.parse(process.argv[2] ?? "{}") as ClientArgs;

/** What a result is, as the `out` file and the counts name it. */
function kindOf(result: BatchResult<PushJobRequest>): string {
  if (result.job) return "finished";
  return result.error instanceof SieveAmbiguousPushError ? "ambiguous" : result.error.name;
}

async function runBatch(): Promise<ClientResult> {
  const { jobs, concurrency } = args;
  const sieve = createSieveClient({ apiKey: args.apiKey, baseUrl: args.url });
  const reported = new Uint16Array(jobs);
  const otherErrors: Record<string, number> = {};
  const tally = { results: 0, finished: 0, ambiguous: 0, resumed: 0, wrongOutputs: 0 };
  let mostRunning = 0;
  const out = args.out === undefined ? undefined : openSync(args.out, "a");

  forceGc();
  const before = process.memoryUsage();
  const peak = { rss: before.rss, heapUsed: before.heapUsed };
  const sample = () => {
    const now = process.memoryUsage();
    peak.rss = Math.max(peak.rss, now.rss);
    peak.heapUsed = Math.max(peak.heapUsed, now.heapUsed);
  };
  const sampler = setInterval(sample, 20);
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  for await (const result of sieve.jobs.runAll(benchRequests(jobs, args.seed), {
    concurrency,
    ...(args.journal === undefined ? {} : { journal: args.journal }),
    onProgress: (p) => (mostRunning = Math.max(mostRunning, p.running)),
  })) {
    const kind = kindOf(result);
    if (out !== undefined) writeSync(out, `${result.index} ${kind} ${result.resumed ? 1 : 0}\n`);
    tally.results++;
    reported[result.index] = (reported[result.index] ?? 0) + 1;
    if (result.resumed) tally.resumed++;
    if (kind === "finished") tally.finished++;
    else if (kind === "ambiguous") tally.ambiguous++;
    else otherErrors[kind] = (otherErrors[kind] ?? 0) + 1;
    if (result.job && jobOutputs(result.job)[0]?.data !== result.index) tally.wrongOutputs++;
  }
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  clearInterval(sampler);
  sample();
  if (out !== undefined) closeSync(out);
  forceGc();
  const after = process.memoryUsage();
  const mb = (bytes: number) => Math.round((bytes / MB) * 10) / 10;
  return {
    type: "result",
    jobs,
    concurrency,
    elapsedMs: Math.round(elapsedMs),
    ...tally,
    notReportedOnce: reported.filter((count) => count !== 1).length,
    otherErrors,
    mostRunning,
    rssMb: { before: mb(before.rss), peak: mb(peak.rss), growth: mb(peak.rss - before.rss) },
    heapUsedMb: {
      before: mb(before.heapUsed),
      peak: mb(peak.heapUsed),
      afterGc: mb(after.heapUsed),
    },
    cpuMs: Math.round((cpu.user + cpu.system) / 1_000),
  };
}

listenForCommands(
  async (command) => {
    if (command.cmd === "start") emit(await runBatch());
  },
  // The client's pooled connections would keep the process alive until the emulator closes.
  () => process.exit(0),
);
emit({ type: "ready" });
