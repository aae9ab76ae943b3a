import { figure, type Figure } from "../support/figures.js";
import { startJsonChild, type Message } from "../support/json-child.js";
import { median, rotate, round } from "../support/stats.js";
import { createContenders, type Contender } from "./contenders.js";
import { FIXED_JOB_ID } from "./fixed-job.js";

/** How long and how hard the overhead benchmark runs. */
export interface OverheadConfig {
  rounds: number;
  windowMs: number;
  inFlight: number;
}

/** One contender's figures: medians over the rounds. */
export interface ContenderResult {
  label: string;
  requestsPerSecond: number;
  cpuMicrosPerRequest: number;
  /** Every round, for the JSON file. */
  rounds: Array<{ requestsPerSecond: number; cpuMicrosPerRequest: number }>;
}

/** Everything the overhead benchmark measured. */
export interface OverheadResult {
  config: OverheadConfig;
  contenders: Record<string, ContenderResult>;
  /** Medians of the per-round throughput ratios, `<a>/<b>`. */
  ratios: Record<string, number>;
  figures: Figure[];
}

const SECTION = "1 overhead";

/**
 * Measures `sieve.jobs.get(id)` and its alternatives against a loopback server in a child
 * process: each round runs every contender for `windowMs` with `inFlight` requests in flight,
 * in a rotated order. No GC is forced between windows: a forced full GC leaves every client's
 * caches cold and triples its CPU per request, which no service sees. Throughput ratios are taken round by round (contenders
 * a few seconds apart see the same machine load), then their median is reported.
 *
 * @example
 * const result = await benchOverhead({ rounds: 12, windowMs: 600, inFlight: 8 });
 */
export async function benchOverhead(config: OverheadConfig): Promise<OverheadResult> {
  const server = startJsonChild("overhead/fixed-job-server.ts");
  const { url } = await server.next<Message & { url: string }>("ready");
  const { list, close } = createContenders(url);
  try {
    for (const contender of list) await checkAnswer(contender);
    for (const contender of list) await measureWindow(contender, config.inFlight, 300);
    const samples = new Map<string, Sample[]>(list.map((c) => [c.key, []]));
    for (let r = 0; r < config.rounds; r++) {
      for (const contender of rotate(list, r)) {
        samples
          .get(contender.key)
          ?.push(await measureWindow(contender, config.inFlight, config.windowMs));
      }
    }
    return summarize(config, list, samples);
  } finally {
    await close();
    await server.stop();
  }
}

interface Sample {
  requestsPerSecond: number;
  cpuMicrosPerRequest: number;
}

async function checkAnswer(contender: Contender): Promise<void> {
  const job = await contender.read();
  if (job.id !== FIXED_JOB_ID || job.status !== "finished") {
    throw new Error(`${contender.label} read a wrong job: ${JSON.stringify(job)}`);
  }
}

/** Runs `inFlight` loops of `read()` until `windowMs` has passed; CPU from process.cpuUsage. */
async function measureWindow(contender: Contender, inFlight: number, windowMs: number) {
  let done = 0;
  const started = performance.now();
  const deadline = started + windowMs;
  const cpuBefore = process.cpuUsage();
  const loop = async () => {
    while (performance.now() < deadline) {
      await contender.read();
      done++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, loop));
  const elapsedMs = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  return {
    requestsPerSecond: (done / elapsedMs) * 1_000,
    cpuMicrosPerRequest: (cpu.user + cpu.system) / done,
  };
}

function summarize(
  config: OverheadConfig,
  list: Contender[],
  samples: Map<string, Sample[]>,
): OverheadResult {
  const of = (key: string) => samples.get(key) ?? [];
  const contenders: Record<string, ContenderResult> = {};
  const figures: Figure[] = [];
  for (const { key, label } of list) {
    const rounds = of(key);
    const result = {
      label,
      requestsPerSecond: round(median(rounds.map((s) => s.requestsPerSecond))),
      cpuMicrosPerRequest: round(median(rounds.map((s) => s.cpuMicrosPerRequest)), 1),
      rounds,
    };
    contenders[key] = result;
    figures.push(figure(SECTION, `${label}: throughput`, result.requestsPerSecond, "req/s"));
    figures.push(figure(SECTION, `${label}: CPU per request`, result.cpuMicrosPerRequest, "µs"));
  }
  const ratio = (a: string, b: string) =>
    round(
      median(of(a).map((s, i) => s.requestsPerSecond / (of(b)[i]?.requestsPerSecond ?? NaN))),
      3,
    );
  const ratios = {
    "sieveNode/rawFetch": ratio("sieveNode", "rawFetch"),
    "sieveFetch/openapiFetch": ratio("sieveFetch", "openapiFetch"),
    "openapiFetch/rawFetch": ratio("openapiFetch", "rawFetch"),
    "undiciAgent/rawFetch": ratio("undiciAgent", "rawFetch"),
    "sieveNode/undiciAgent": ratio("sieveNode", "undiciAgent"),
    "sieveNode/sieveNodeRaw": ratio("sieveNode", "sieveNodeRaw"),
  };
  figures.push(
    figure(SECTION, "Node entry / raw fetch, throughput", ratios["sieveNode/rawFetch"], "x", {
      op: ">=",
      limit: 1.25,
    }),
    figure(
      SECTION,
      "fetch passed in / bare openapi-fetch, throughput",
      ratios["sieveFetch/openapiFetch"],
      "x",
      { op: ">=", limit: 0.95 },
    ),
    figure(
      SECTION,
      "bare openapi-fetch / raw fetch, throughput",
      ratios["openapiFetch/rawFetch"],
      "x",
    ),
    figure(
      SECTION,
      "sieve-client Node entry / undici Agent.request, throughput",
      ratios["sieveNode/undiciAgent"],
      "x",
      { op: ">=", limit: 0.8 },
    ),
    figure(SECTION, "undici Agent / raw fetch, throughput", ratios["undiciAgent/rawFetch"], "x"),
    figure(
      SECTION,
      "typed methods (plain-data path) / sieve.raw (openapi-fetch), Node entry, throughput",
      ratios["sieveNode/sieveNodeRaw"],
      "x",
    ),
  );
  return { config, contenders, ratios, figures };
}
