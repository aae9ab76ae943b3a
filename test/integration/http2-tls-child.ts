/**
 * Child of http2.test.ts, started with NODE_EXTRA_CA_CERTS trusting test/fixtures/tls: reads a
 * job from the HTTPS server at argv[2] with and without `http2`, and prints each outcome as JSON.
 */
import { createSieveClient } from "../../src/node.js";

const [baseUrl = ""] = process.argv.slice(2);
const outcome: Record<string, { name: string; message: string }> = {};
for (const http2 of [false, true]) {
  const sieve = createSieveClient({ apiKey: "k", baseUrl, http2, maxRetries: 0 });
  try {
    const job = await sieve.jobs.get("j");
    outcome[http2 ? "http2" : "http1"] = { name: "ok", message: job.id };
  } catch (error) {
    const { name, message } = error as Error;
    outcome[http2 ? "http2" : "http1"] = { name, message };
  }
}
process.stdout.write(JSON.stringify(outcome));
