import { figure, type Figure, type Target } from "../support/figures.js";
import { startJsonChild } from "../support/json-child.js";
import { median, round } from "../support/stats.js";
import type { WaitRoundResult } from "./round-summary.js";

/** One scale of the waiting benchmark. */
export interface WaitScale {
  jobs: number;
  /** Rounds per contender; the contenders alternate. */
  rounds: number;
}

/** The medians of one contender's rounds at one scale, and the rounds themselves. */
export interface WaitContenderResult {
  jobs: number;
  totalRequests: number;
  requestsPerJob: number;
  latencyMs: { p50: number; p99: number; max: number };
  loopDelayMs: { p99: number; max: number };
  rssMb: { peak: number; growth: number };
  failures: number;
  /** Client CPU time while waiting, in ms. */
  cpuMs: number;
  /** First wait called -> every wait in place (each job read once), in ms. */
  placedMs: number;
  /** Machine-wide SYNs dropped on full listen queues (-1 when unreadable). */
  listenOverflows: number;
  rounds: WaitRoundResult[];
}

/** Default `maxIntervalMs` of `sieve.jobs.wait`: the latency target is this + 100 ms. */
const MAX_INTERVAL_MS = 3_000;
const MODES = ["sieve", "sieve-http2", "bare-http2", "naive"] as const;
type Mode = (typeof MODES)[number];
/** A round takes 15-25 s; one that takes this long is stuck, and is stopped. */
const ROUND_TIMEOUT_MS = 180_000;

/**
 * Runs `sieve.jobs.wait` over HTTP/1.1 (the default), over HTTP/2 (`http2: true`) and the naive
 * 1 s loop on the same jobs (same seed per round), each round in a fresh client process
 * (`wait-round.ts`) with the emulator in a grandchild process, rotating the contenders' order,
 * then reports the medians over the rounds with their targets.
 *
 * @example
 * const { results, figures } = await benchWait([{ jobs: 1_000, rounds: 3 }], 10_000);
 */
export async function benchWait(
  scales: readonly WaitScale[],
  spreadMs: number,
): Promise<{ results: Record<string, Record<string, WaitContenderResult>>; figures: Figure[] }> {
  const results: Record<string, Record<string, WaitContenderResult>> = {};
  const figures: Figure[] = [];
  for (const { jobs, rounds } of scales) {
    const samples: Record<Mode, WaitRoundResult[]> = {
      sieve: [],
      "sieve-http2": [],
      "bare-http2": [],
      naive: [],
    };
    for (let r = 0; r < rounds; r++) {
      const order = [...MODES.slice(r % MODES.length), ...MODES.slice(0, r % MODES.length)];
      for (const mode of order) samples[mode].push(await runRound(mode, jobs, r + 1, spreadMs));
    }
    const sieve = summarize(jobs, samples.sieve);
    const http2 = summarize(jobs, samples["sieve-http2"]);
    const bare = summarize(jobs, samples["bare-http2"]);
    const naive = summarize(jobs, samples.naive);
    results[String(jobs)] = { sieve, http2, bare, naive };
    figures.push(...scaleFigures(jobs, sieve, naive), ...http2Figures(jobs, http2, bare));
  }
  return { results, figures };
}

async function runRound(
  mode: string,
  jobs: number,
  seed: number,
  spreadMs: number,
): Promise<WaitRoundResult> {
  const round = startJsonChild("wait/wait-round.ts", [
    mode,
    String(jobs),
    String(seed),
    String(spreadMs),
  ]);
  try {
    return await round.next<WaitRoundResult>("result", ROUND_TIMEOUT_MS);
  } finally {
    await round.stop();
  }
}

function summarize(jobs: number, rounds: WaitRoundResult[]): WaitContenderResult {
  const med = (pick: (r: WaitRoundResult) => number) => median(rounds.map(pick));
  return {
    jobs,
    totalRequests: med((r) => r.totalRequests),
    requestsPerJob: round(
      med((r) => r.requestsPerJob),
      2,
    ),
    latencyMs: {
      p50: med((r) => r.latencyMs.p50),
      p99: med((r) => r.latencyMs.p99),
      max: med((r) => r.latencyMs.max),
    },
    loopDelayMs: { p99: med((r) => r.loopDelayMs.p99), max: med((r) => r.loopDelayMs.max) },
    rssMb: { peak: med((r) => r.rssMb.peak), growth: med((r) => r.rssMb.growth) },
    failures: med((r) => r.failures),
    cpuMs: med((r) => r.cpuMs),
    placedMs: med((r) => r.placedMs),
    listenOverflows: med((r) => r.tcp?.listenOverflows ?? -1),
    rounds,
  };
}

function scaleFigures(jobs: number, sieve: WaitContenderResult, naive: WaitContenderResult) {
  const section = `2 wait x${jobs.toLocaleString("en-US")}`;
  const ours = (name: string, value: number, unit: string, target?: Target) =>
    figure(section, `jobs.wait: ${name}`, value, unit, target);
  const theirs = (name: string, value: number, unit: string) =>
    figure(section, `naive 1 s loop: ${name}`, value, unit);
  return [
    ours("total requests", sieve.totalRequests, "", { op: "<=", limit: naive.totalRequests }),
    theirs("total requests", naive.totalRequests, ""),
    ours("requests per job", sieve.requestsPerJob, ""),
    theirs("requests per job", naive.requestsPerJob, ""),
    ours("detection latency p50", sieve.latencyMs.p50, "ms"),
    ours("detection latency p99", sieve.latencyMs.p99, "ms", {
      op: "<=",
      limit: MAX_INTERVAL_MS + 100,
    }),
    ours("detection latency max", sieve.latencyMs.max, "ms"),
    theirs("detection latency p50", naive.latencyMs.p50, "ms"),
    theirs("detection latency p99", naive.latencyMs.p99, "ms"),
    ours("event-loop delay p99", sieve.loopDelayMs.p99, "ms", { op: "<", limit: 20 }),
    theirs("event-loop delay p99", naive.loopDelayMs.p99, "ms"),
    ours("peak RSS", sieve.rssMb.peak, "MB"),
    ours("RSS growth", sieve.rssMb.growth, "MB", { op: "<", limit: 100 }),
    theirs("RSS growth", naive.rssMb.growth, "MB"),
    ours("failed waits", sieve.failures, ""),
    theirs("failed requests", naive.failures, ""),
    ours("SYNs dropped, listen queue full", sieve.listenOverflows, ""),
    theirs("SYNs dropped, listen queue full", naive.listenOverflows, ""),
  ];
}

/**
 * The HTTP/2 contender against issue 14's targets for waiting at scale: one long-poll per job
 * (at most 1.2 requests each), the end seen within 100 ms, a quiet event loop, little memory.
 */
function http2Figures(
  jobs: number,
  http2: WaitContenderResult,
  bare: WaitContenderResult,
): Figure[] {
  const section = `2 wait x${jobs.toLocaleString("en-US")}`;
  const ours = (name: string, value: number, unit: string, target?: Target) =>
    figure(section, `jobs.wait, http2: ${name}`, value, unit, target);
  const floor = (name: string, value: number, unit: string) =>
    figure(section, `bare undici h2 (floor): ${name}`, value, unit);
  return [
    ours("requests per job", http2.requestsPerJob, "", { op: "<=", limit: 1.2 }),
    ours("detection latency p50", http2.latencyMs.p50, "ms"),
    ours("detection latency p99", http2.latencyMs.p99, "ms", { op: "<=", limit: 100 }),
    ours("detection latency max", http2.latencyMs.max, "ms"),
    ours("event-loop delay p99", http2.loopDelayMs.p99, "ms", { op: "<", limit: 20 }),
    ours("peak RSS", http2.rssMb.peak, "MB"),
    ours("RSS growth", http2.rssMb.growth, "MB", { op: "<", limit: 100 }),
    ours("failed waits", http2.failures, "", { op: "<=", limit: 0 }),
    ours("client CPU per wait", round((http2.cpuMs * 1_000) / jobs), "µs"),
    ours("time to place every wait", http2.placedMs, "ms"),
    floor("detection latency p99", bare.latencyMs.p99, "ms"),
    floor("event-loop delay p99", bare.loopDelayMs.p99, "ms"),
    floor("RSS growth", bare.rssMb.growth, "MB"),
    floor("client CPU per wait", round((bare.cpuMs * 1_000) / jobs), "µs"),
  ];
}
