/**
 * One round of the waiting benchmark, in a fresh process so that its memory and event loop
 * measure one contender alone: starts the emulator in a child process, has it push `jobs` jobs
 * that end at seeded-random times over `spreadMs`, waits for all of them with `mode` ("sieve":
 * `sieve.jobs.wait` with default options; "sieve-http2": the same with `http2: true`;
 * "bare-http2": undici's Agent alone, the transport's floor; "naive": the 1 s fetch loop), and
 * prints
 * `{"type":"result",...}` (see `WaitRoundResult`).
 *
 *   node --import tsx test/bench/wait/wait-round.ts <sieve|sieve-http2|bare-http2|naive> <jobs> <seed> <spreadMs>
 */
import { monitorEventLoopDelay } from "node:perf_hooks";
import { sieveClient } from "../support/built-client.js";
import { forceGc } from "../support/gc.js";
import { startJsonChild, type Message } from "../support/json-child.js";
import { emit } from "../support/json-lines.js";
import { seededRandom } from "../support/stats.js";
import { readTcpCounters, tcpCountersSince } from "../support/tcp-counters.js";
import { bareHttp2Waiter } from "./bare-http2-wait.js";
import { naiveWait, type NaiveCounters } from "./naive-wait.js";
import { summarizeRound, type EmulatorReport } from "./round-summary.js";

const LOOP_DELAY_RESOLUTION_MS = 10;
const [mode = "sieve", jobsArg = "1000", seedArg = "1", spreadArg = "10000"] =
  process.argv.slice(2);
const MODES = ["sieve", "sieve-http2", "bare-http2", "naive"];
if (!MODES.includes(mode)) throw new Error(`unknown mode ${mode}: ${MODES.join(", ")}`);
const jobs = Number(jobsArg);
const random = seededRandom(Number(seedArg));
const finishInMs = Array.from({ length: jobs }, () => Math.floor(random() * Number(spreadArg)));

const emulator = startJsonChild("wait/emulator-child.ts");
try {
  const { url, apiKey } = await emulator.next<Message & { url: string; apiKey: string }>("ready");
  emulator.send({ cmd: "push", finishInMs });
  const { ids } = await emulator.next<Message & { ids: string[] }>("pushed");
  const counters: NaiveCounters = { requests: 0, errors: 0 };
  const sieve = mode.startsWith("sieve")
    ? sieveClient.createSieveClient({ apiKey, baseUrl: url, http2: mode === "sieve-http2" })
    : undefined;
  const bare = mode === "bare-http2" ? bareHttp2Waiter(url, apiKey) : undefined;
  const waitFor = (id: string) =>
    sieve?.jobs.wait(id) ?? bare?.(id) ?? naiveWait(url, apiKey, id, counters);

  forceGc();
  const rssBefore = process.memoryUsage().rss;
  let rssPeak = rssBefore;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 20);
  const cpuBefore = process.cpuUsage();
  const tcpBefore = readTcpCounters();

  // Every wait is put in place first; the jobs' clocks start once the emulator has read each
  // job (`placedMs` is that first phase). Detection latency and event-loop delay then measure
  // waiting itself, not the one-time burst of starting 10,000 calls.
  const placingAt = Date.now();
  const resolvedAt: number[] = [];
  let failures = 0;
  const waits = Promise.all(
    ids.map((id, n) =>
      waitFor(id).then(
        () => void (resolvedAt[n] = Date.now()),
        () => void failures++,
      ),
    ),
  );
  emulator.send({ cmd: "release-when-waited" });
  await emulator.next("released");
  const placedMs = Date.now() - placingAt;
  const loopDelay = monitorEventLoopDelay({ resolution: LOOP_DELAY_RESOLUTION_MS });
  loopDelay.enable();
  const startedAt = Date.now();
  await waits;
  const elapsedMs = Date.now() - startedAt;
  const cpu = process.cpuUsage(cpuBefore);
  const tcp = tcpCountersSince(tcpBefore);
  loopDelay.disable();
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);

  emulator.send({ cmd: "report" });
  const report = await emulator.next<Message & EmulatorReport>("report");
  emit(
    summarizeRound({
      mode,
      ids,
      resolvedAt,
      report,
      failures: failures + counters.errors,
      elapsedMs,
      placedMs,
      cpuMs: (cpu.user + cpu.system) / 1_000,
      rssBefore,
      rssPeak,
      loopDelay,
      loopDelayResolutionMs: LOOP_DELAY_RESOLUTION_MS,
      tcp,
    }),
  );
} finally {
  await emulator.stop();
}
