/**
 * Profiles the Node entry's `jobs.get` (or the bare undici ceiling) against the overhead
 * benchmark's fixed-job server, 8 in flight, to see what the request path costs per call:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof --import tsx test/bench/overhead/profile-get.ts
 *   node --import tsx test/bench/overhead/summarize-profile.ts /tmp/prof/<largest>.cpuprofile 30 <requests>
 *
 * (`--cpu-prof` writes one file per thread: the largest is the main thread's; tsx's loader
 * thread writes the other.) Arguments: `agent` profiles the bare `Agent.request` contender
 * instead; a number sets how many seconds to run (default 5, after a 1 s warm-up that the
 * profile includes). It prints the requests sent in all, warm-up included: given to
 * `summarize-profile.ts`, they turn its shares into microseconds per request.
 */
import { startJsonChild, type Message } from "../support/json-child.js";
import { createContenders } from "./contenders.js";

const key = process.argv.includes("agent") ? "undiciAgent" : "sieveNode";
const seconds = Number(process.argv.find((arg) => /^\d+(\.\d+)?$/.test(arg)) ?? 5);
const inFlight = 8;

const server = startJsonChild("overhead/fixed-job-server.ts");
const { url } = await server.next<Message & { url: string }>("ready");
const { list, close } = createContenders(url);
const contender = list.find((c) => c.key === key);
if (!contender) throw new Error(`no contender ${key}`);

async function run(ms: number): Promise<number> {
  let done = 0;
  const deadline = performance.now() + ms;
  const loop = async () => {
    while (performance.now() < deadline) {
      await contender!.read();
      done++;
    }
  };
  await Promise.all(Array.from({ length: inFlight }, loop));
  return done;
}

try {
  const warmUp = await run(1_000);
  const cpuBefore = process.cpuUsage();
  const done = await run(seconds * 1_000);
  const cpu = process.cpuUsage(cpuBefore);
  console.log(
    `${contender.label}: ${Math.round(done / seconds)} req/s, ` +
      `${((cpu.user + cpu.system) / done).toFixed(1)} µs CPU per request; ` +
      `${warmUp + done} requests in all`,
  );
} finally {
  await close();
  await server.stop();
}
