/**
 * Child process of the overhead benchmark: the minimal loopback `node:http` server that answers
 * every request with the same job JSON, so that what is measured is the client, not the server.
 * It runs in its own process (its own core) so that the client's CPU time is the client's only.
 * Prints `{"type":"ready","url":...}`; exits when its stdin closes.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { emit, listenForCommands } from "../support/json-lines.js";
import { FIXED_JOB } from "./fixed-job.js";

const body = Buffer.from(JSON.stringify(FIXED_JOB));
const server = createServer((request, response) => {
  request.resume();
  response.writeHead(200, { "content-type": "application/json", "content-length": body.length });
  response.end(body);
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  emit({ type: "ready", url: `http://127.0.0.1:${port}` });
});
listenForCommands(
  () => undefined,
  () => {
    server.close();
    server.closeAllConnections();
  },
);
