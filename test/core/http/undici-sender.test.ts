/**
 * The Node entry's undici agent caps its sockets per origin: many concurrent calls queue in the
 * pool instead of opening one socket each (which overflows a server's listen queue at scale).
 * A real `node:http` server counts the sockets the requests arrive on.
 */
import type { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { createSieveClient } from "../../../src/node.js";
import { JOB_ID, job } from "../../support/fixtures.js";
import { sendJson, useLocalServers, type LocalServer } from "../../support/local-server.js";

const CAP = 128;
const HOLD_MS = 40;
const startServer = useLocalServers();

interface SocketCounts {
  /** Distinct sockets requests arrived on. */
  sockets: Set<Socket>;
  /** Most of those sockets open at once. */
  peakOpen: number;
  /** Most requests in progress at once. */
  peakInFlight: number;
}

/** Answers every request with `job` after holding it `HOLD_MS`, counting sockets and requests. */
async function startSocketCountingServer(): Promise<{ server: LocalServer; counts: SocketCounts }> {
  const counts: SocketCounts = { sockets: new Set(), peakOpen: 0, peakInFlight: 0 };
  let open = 0;
  let inFlight = 0;
  const server = await startServer((_request, response) => {
    const { socket } = response;
    if (socket && !counts.sockets.has(socket)) {
      counts.sockets.add(socket);
      counts.peakOpen = Math.max(counts.peakOpen, ++open);
      socket.once("close", () => open--);
    }
    counts.peakInFlight = Math.max(counts.peakInFlight, ++inFlight);
    setTimeout(() => {
      inFlight--;
      sendJson(response, 200, job);
    }, HOLD_MS);
  });
  return { server, counts };
}

describe("the Node entry's connection cap", () => {
  it(`opens at most ${CAP} sockets for 300 concurrent calls to one origin, and all succeed`, async () => {
    const { server, counts } = await startSocketCountingServer();
    const sieve = createSieveClient({ apiKey: "k-1234", baseUrl: server.url, maxRetries: 0 });
    const started = performance.now();

    const results = await Promise.all(Array.from({ length: 300 }, () => sieve.jobs.get(JOB_ID)));

    expect(results).toHaveLength(300);
    expect(results.every((result) => result.id === JOB_ID)).toBe(true);
    expect(server.requests).toHaveLength(300);
    expect(counts.sockets.size).toBeLessThanOrEqual(CAP);
    expect(counts.peakOpen).toBeLessThanOrEqual(CAP);
    expect(counts.peakInFlight).toBeLessThanOrEqual(CAP);
    // The pool does fill up to the cap: the cap, not a lack of demand, bounded the sockets.
    expect(counts.peakOpen).toBeGreaterThan(CAP / 2);
    expect(performance.now() - started).toBeLessThan(4_000);
  });
});
