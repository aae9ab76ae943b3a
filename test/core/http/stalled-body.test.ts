/**
 * The transport reads the whole body inside the attempt, so a server that sends its headers and
 * then stalls is a timeout, not a hang. Real `node:http` servers and real (short) timers.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSieveClient as createWebClient, SieveTimeoutError } from "../../../src/index.js";
import { createSieveClient as createNodeClient } from "../../../src/node.js";
import { JOB_ID, job } from "../../support/fixtures.js";
import { rejectionOf } from "../../support/fake-fetch.js";
import { sendJson, useLocalServers, type Handler } from "../../support/local-server.js";

const startServer = useLocalServers();
afterEach(() => vi.restoreAllMocks());

/** Writes a 200's headers and the first bytes of its body, then never finishes. */
const stall: Handler = (_request, response) => {
  response.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
  response.write('{"id":"');
};

describe.each([
  ["fetch (web entry)", createWebClient],
  ["undici (Node entry)", createNodeClient],
])("a body that stalls after the headers, through %s", (_sender, createSieveClient) => {
  it("times out after timeoutMs (1 request with maxRetries: 0)", async () => {
    const server = await startServer(stall);
    const sieve = createSieveClient({ apiKey: "k-1234", baseUrl: server.url, timeoutMs: 100 });
    const started = performance.now();

    const error = await rejectionOf(sieve.jobs.get(JOB_ID, {}, { maxRetries: 0 }));

    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(SieveTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 100, url: `${server.url}/jobs/${JOB_ID}` });
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(2_000);
    expect(server.requests).toHaveLength(1);
  });

  it("is retried like any timeout of a GET (2 requests with maxRetries: 1)", async () => {
    vi.spyOn(Math, "random").mockReturnValue(1);
    const server = await startServer(stall);
    const sieve = createSieveClient({ apiKey: "k-1234", baseUrl: server.url, timeoutMs: 100 });

    const error = await rejectionOf(sieve.jobs.list({}, { maxRetries: 1 }));

    expect(error).toBeInstanceOf(SieveTimeoutError);
    expect(server.requests).toHaveLength(2);
  });

  it("resolves when the stalled attempt is followed by a full answer", async () => {
    vi.spyOn(Math, "random").mockReturnValue(1);
    const server = await startServer((request, response, n) =>
      n === 0 ? stall(request, response, n) : sendJson(response, 200, job),
    );
    const sieve = createSieveClient({ apiKey: "k-1234", baseUrl: server.url, timeoutMs: 100 });

    expect(await sieve.jobs.get(JOB_ID)).toEqual(job);
    expect(server.requests).toHaveLength(2);
  });

  it("a push whose response stalls is not sent again", async () => {
    const server = await startServer(stall);
    const sieve = createSieveClient({ apiKey: "k-1234", baseUrl: server.url, timeoutMs: 100 });

    const error = await rejectionOf(sieve.jobs.push({ function: "sieve/dubbing", inputs: {} }));

    expect(error).toBeInstanceOf(SieveTimeoutError);
    expect((error as Error).message).toContain("the job may or may not have been created");
    expect(server.requests).toHaveLength(1);
  });
});
