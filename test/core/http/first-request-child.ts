/**
 * Run by undici-lazy-load.test.ts in a fresh process: imports the Node entry, then makes one
 * request to a local server, and prints one JSON line: whether undici and node:zlib were loaded
 * after the import and after the request, whether the process's global fetch then sends through
 * the undici package's agent, how long the request took (the load of undici included), and its
 * job id (or its error).
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { job, JOB_ID } from "../../support/fixtures.js";

const cache = createRequire(import.meta.url).cache;
/** Node's own list of the built-in modules it loaded (undocumented, stable since Node 0.x). */
const builtins = (process as unknown as { moduleLoadList: string[] }).moduleLoadList;
const loaded = () => ({
  undici: Object.keys(cache).some((path) => path.includes("/node_modules/undici/")),
  zlib: builtins.includes("NativeModule zlib"),
});

const server = createServer((_request, response) => {
  response.writeHead(200, { "content-type": "application/json" });
  response.end(JSON.stringify(job));
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address() as AddressInfo;

const { createSieveClient } = await import("../../../src/node.js");
const afterImport = loaded();
const sieve = createSieveClient({
  apiKey: "k-1234",
  baseUrl: `http://127.0.0.1:${port}/v2`,
  maxRetries: 0,
});
const started = performance.now();
const outcome = await sieve.jobs.get(JOB_ID).then(
  (got) => ({ id: got.id }),
  (error: unknown) => ({ error: String(error) }),
);
const ms = performance.now() - started;
// Node's fetch sends through the agent under this symbol; undici installs its own if none is there.
const fetchAgent: unknown = Reflect.get(globalThis, Symbol.for("undici.globalDispatcher.1"));
const fetchOnUndiciPackage = fetchAgent instanceof (await import("undici")).Agent;
const afterRequest = { ...loaded(), fetchOnUndiciPackage };
console.log(JSON.stringify({ afterImport, afterRequest, ms, ...outcome }));
server.close();
server.closeAllConnections();
