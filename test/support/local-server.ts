import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

/** One request a local server received. */
export interface ReceivedRequest {
  method: string;
  /** Path and query, e.g. `/v2/jobs?limit=1`. */
  path: string;
  /** Lower-cased header names, as Node gives them. */
  headers: IncomingHttpHeaders;
  body: string;
}

/** Answers a request once its body has arrived. `n` counts from 0. */
export type Handler = (request: ReceivedRequest, response: ServerResponse, n: number) => void;

/** A running server on 127.0.0.1: its origin (`http://127.0.0.1:<port>`), what it got, a stop. */
export interface LocalServer {
  url: string;
  requests: ReceivedRequest[];
  close(): Promise<void>;
}

/**
 * Starts a `node:http` server on 127.0.0.1, port 0 (any free port), that records each request
 * and hands it to `handler`. `close()` also drops open (kept-alive or stalled) connections.
 *
 * @example
 * const server = await startLocalServer((req, res) => res.end("{}"));
 */
export async function startLocalServer(handler: Handler): Promise<LocalServer> {
  const requests: ReceivedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const received: ReceivedRequest = {
        method: req.method ?? "",
        path: req.url ?? "",
        headers: req.headers,
        body: Buffer.concat(chunks).toString("utf8"),
      };
      requests.push(received);
      handler(received, res, requests.length - 1);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * Returns a `startLocalServer` whose servers are all closed after each test of the file.
 *
 * @example
 * const startServer = useLocalServers();
 * it("...", async () => { const server = await startServer(handler); });
 */
export function useLocalServers(): (handler: Handler) => Promise<LocalServer> {
  const open: LocalServer[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((server) => server.close()));
  });
  return async (handler) => {
    const server = await startLocalServer(handler);
    open.push(server);
    return server;
  };
}

/** Writes a JSON response. */
export function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { "content-type": "application/json" });
  response.end(JSON.stringify(body));
}
