import { startEmulator } from "../../src/emulator/index.js";
import { SieveConnectionError, createSieveClient, jobOutputs, type Job } from "../../src/node.js";
import {
  FaultFeeder,
  weighted,
  type FaultChoice,
  type FeederReport,
  type RequestClass,
} from "./fault-feeder.js";

/** What one soak run did and saw; only numbers, so the run itself can be let go. */
export interface SoakFigures {
  jobs: number;
  concurrency: number;
  elapsedMs: number;
  /** Jobs whose `jobs.run` resolved with exactly the expected output, once. */
  right: number;
  /** Jobs that ended more than once on the client, or never, or with a wrong result. */
  wrong: number;
  /** The first few wrong endings, to show when the test fails. */
  wrongSamples: string[];
  /** Per input: how many jobs the emulator created for it beyond the first. */
  duplicates: number;
  /** Inputs the emulator created no job for. */
  missing: number;
  /** Jobs the emulator ended more than once. */
  endedTwice: number;
  /** Pushes that failed with "may or may not have been created" and were pushed again by us. */
  ambiguousPushes: number;
  pushesReceived: number;
  pollsReceived: number;
  report: FeederReport;
  feederRanDry: boolean;
  unmatchedRequests: number;
}

const FUNCTION = "soak/square";
/** What the handler returns for input `n`: the result depends on the input. */
const expectedOutput = (n: number) => `soak-${n}-${n * n}`;

const latency = (random: () => number): FaultChoice => ({
  kind: "latency",
  spec: { latencyMs: 20 + Math.floor(random() * 180) },
});
const retryAfter = (seconds: number): FaultChoice => ({
  kind: `429 (Retry-After: ${seconds})`,
  spec: { status: 429, retryAfter: seconds },
});
const dropBefore: FaultChoice = { kind: "drop before response", spec: { drop: "before-response" } };

/**
 * The fault mix, 20 % of requests each. Polls get every transient fault. A push gets only those
 * after which a resend cannot duplicate the job (a 429 is answered before anything is created) or
 * after which the client does not resend (a connection dropped before any response: no job was
 * created, but the client cannot know it, so it reports the push as ambiguous and stops).
 *
 * @example
 * const feeder = new FaultFeeder(emulator, requestClasses(0.2), seededRandom(1));
 */
export function requestClasses(rate = 0.2): RequestClass[] {
  return [
    {
      name: "polls",
      // Both the long-poll (jobs.run waits with it) and the reads a wait falls back to.
      matching: { method: "GET", path: /^\/jobs\/[^/]+(\/await)?$/ },
      draw: weighted(rate, [
        [25, { kind: "503", spec: { status: 503 } }],
        [10, retryAfter(0)],
        [10, retryAfter(1)],
        [20, dropBefore],
        [15, { kind: "drop mid-response", spec: { drop: "mid-response" } }],
        [20, latency],
      ]),
    },
    {
      name: "pushes",
      matching: { method: "POST", path: "/push" },
      draw: weighted(rate, [
        [30, retryAfter(0)],
        [20, retryAfter(1)],
        [30, latency],
        [20, dropBefore],
      ]),
    },
  ];
}

/**
 * Runs `jobs` jobs through `sieve.jobs.run`, `concurrency` at a time, against an emulator whose
 * requests get the fault mix, and checks each ending as it comes.
 *
 * @example
 * const figures = await runSoak({ jobs: 2_000, concurrency: 100, random: seededRandom(1) });
 */
export async function runSoak(options: {
  jobs: number;
  concurrency: number;
  random: () => number;
}): Promise<SoakFigures> {
  const { jobs, concurrency, random } = options;
  const emulator = await startEmulator({
    requestLogLimit: jobs * 50,
    functions: { [FUNCTION]: { handler: (inputs) => expectedOutput(Number(inputs.n)) } },
  });
  const created = new Uint16Array(jobs);
  const endings = new Uint16Array(jobs);
  const ended = new Set<string>();
  let endedTwice = 0;
  emulator.events.on("job", (job) => {
    if (job.status === "queued") created[Number(job.inputs.n)]! += 1;
    if (job.completedAt === null) return;
    if (ended.has(job.id)) endedTwice++;
    ended.add(job.id);
  });
  const sieve = createSieveClient({
    apiKey: emulator.apiKey,
    baseUrl: emulator.url,
    maxRetries: 6,
    timeoutMs: 10_000,
  });
  const wrongSamples: string[] = [];
  let right = 0;
  let ambiguousPushes = 0;

  async function runOne(n: number): Promise<void> {
    for (;;) {
      try {
        const job = await sieve.jobs.run(
          { function: FUNCTION, inputs: { n } },
          { timeoutMs: 120_000 },
        );
        endings[n]! += 1;
        if (isRight(job, n)) right++;
        else wrongSamples.push(`job ${n}: ${JSON.stringify(job.outputs)}`);
        return;
      } catch (error) {
        // What an application does after an ambiguous push: look for the job (here in the
        // emulator, standing in for sieve.jobs.list()), and push again only if there is none.
        if (isAmbiguousPush(error) && created[n] === 0) {
          ambiguousPushes++;
          continue;
        }
        endings[n]! += 1;
        wrongSamples.push(`job ${n}: ${String(error)}`);
        return;
      }
    }
  }

  const feeder = new FaultFeeder(emulator, requestClasses(), random);
  feeder.start();
  const started = performance.now();
  let next = 0;
  const worker = async () => {
    while (next < jobs) await runOne(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs) }, worker));
  const elapsedMs = performance.now() - started;
  const report = feeder.stop();
  const pushesReceived = emulator.requests.count({ method: "POST", path: "/push" });
  const pollsReceived = emulator.requests.count({ method: "GET" });
  await emulator.close();

  return {
    jobs,
    concurrency,
    elapsedMs,
    right,
    wrong: endings.filter((count) => count !== 1).length + wrongSamples.length,
    wrongSamples: wrongSamples.slice(0, 5),
    duplicates: created.reduce((sum, count) => sum + Math.max(0, count - 1), 0),
    missing: created.filter((count) => count === 0).length,
    endedTwice,
    ambiguousPushes,
    pushesReceived,
    pollsReceived,
    report,
    feederRanDry: feeder.dry,
    unmatchedRequests: feeder.unmatched,
  };
}

function isRight(job: Job, n: number): boolean {
  return (
    job.status === "finished" &&
    jobOutputs(job).length === 1 &&
    jobOutputs(job)[0]?.data === expectedOutput(n) &&
    job.inputs?.n?.data === n
  );
}

function isAmbiguousPush(error: unknown): boolean {
  return (
    error instanceof SieveConnectionError &&
    error.method === "POST" &&
    error.message.includes("may or may not have been created")
  );
}
