/**
 * The process the crash/resume test of `jobs.runAll` kills: runs a batch of `count` echo jobs
 * against the emulator at `url`, with a file journal, and prints one line per result. Run as
 * `node --import tsx test/integration/run-all-child.ts <url> <apiKey> <journal> <count>`.
 */
import { createSieveClient } from "../../src/node.js";

const [url = "", apiKey = "", journal = "", count = "0"] = process.argv.slice(2);
const sieve = createSieveClient({ apiKey, baseUrl: url });
const requests = Array.from({ length: Number(count) }, (_, n) => ({
  function: "demo/echo",
  inputs: { n },
}));
for await (const result of sieve.jobs.runAll(requests, { journal, concurrency: 10 })) {
  console.log(`result ${result.index} ${result.job ? "finished" : result.error.name}`);
}
console.log("done");
