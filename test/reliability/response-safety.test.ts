/**
 * Response bodies (issue 10), through both entries against real `node:http` servers: gzip,
 * deflate and br bodies are decoded by every sender (identity and none pass through, an unknown
 * coding is a clear SieveApiError, never garbage), and `maxResponseBytes` bounds every body, on
 * decoded bytes, while it streams: an endless 200 fails within seconds, and is never retried.
 */
import type { ServerResponse } from "node:http";
import { brotliCompressSync, deflateSync, gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { SieveApiError, SieveError } from "../../src/index.js";
import { SieveResponseTooLargeError } from "../../src/core/errors/sieve-response-too-large-error.js";
import { JOB_ID, job, pushResponse } from "../support/fixtures.js";
import { useLocalServers } from "../support/local-server.js";
import { ENTRIES, MAY_EXIST, timed } from "./support.js";

const startServer = useLocalServers();
const KEY = "sk-live-RESPONSE-5d1e9a7c3b20";
const MiB = 1024 * 1024;

const ENCODERS: [string, (body: Buffer) => Buffer][] = [
  ["gzip", (body) => gzipSync(body)],
  ["x-gzip", (body) => gzipSync(body)],
  ["deflate", (body) => deflateSync(body)],
  ["br", (body) => brotliCompressSync(body)],
  ["identity", (body) => body],
  ["gzip, br", (body) => brotliCompressSync(gzipSync(body))],
];

/** Answers every request with `body` (bytes), status and headers as given. */
function answerWith(status: number, body: Buffer, headers: Record<string, string> = {}) {
  return startServer((_request, response) => {
    response.writeHead(status, { "content-type": "application/json", ...headers });
    response.end(body);
  });
}

/** Writes 64 KiB chunks of JSON-ish text for as long as the connection stays open. */
function writeForever(response: ServerResponse, counter: { written: number }): void {
  const chunk = Buffer.alloc(64 * 1024, " ");
  response.writeHead(200, { "content-type": "application/json" });
  response.write("[");
  const pump = () => {
    while (!response.destroyed) {
      counter.written += chunk.length;
      if (!response.write(chunk)) return void response.once("drain", pump);
    }
  };
  pump();
}

describe.each(ENTRIES)("through the %s", (entry, create) => {
  const client = (url: string, options = {}) =>
    create({ apiKey: KEY, baseUrl: url, maxRetries: 2, timeoutMs: 10_000, ...options });

  it.each(ENCODERS)("decodes a Content-Encoding: %s body", async (coding, encode) => {
    const server = await answerWith(200, encode(Buffer.from(JSON.stringify(job))), {
      "content-encoding": coding,
    });

    await expect(client(server.url).jobs.get(JOB_ID)).resolves.toEqual(job);
    expect(server.requests).toHaveLength(1);
  });

  it("passes a body without Content-Encoding through, and asks for gzip", async () => {
    const server = await answerWith(200, Buffer.from(JSON.stringify(job)));

    await expect(client(server.url).jobs.get(JOB_ID)).resolves.toEqual(job);
    expect(server.requests[0]?.headers["accept-encoding"]).toContain("gzip");
  });

  it("an unknown Content-Encoding is a SieveApiError, not garbage, and is not retried", async () => {
    const server = await answerWith(200, Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3]), {
      "content-encoding": "zstd-unknown",
    });

    const { error } = await timed(() => client(server.url).jobs.get(JOB_ID));

    expect(error).toBeInstanceOf(SieveApiError);
    expect((error as SieveApiError).status).toBe(200);
    // fetch hands an unknown coding through as it came; the Node sender names it.
    if (entry.startsWith("node")) expect((error as Error).message).toContain('"zstd-unknown"');
    expect(server.requests).toHaveLength(1);
  });

  it("a corrupt gzip body is a typed SieveError", async () => {
    const server = await answerWith(200, Buffer.from("not gzip at all, just text"), {
      "content-encoding": "gzip",
    });

    const { error } = await timed(() => client(server.url, { maxRetries: 0 }).jobs.get(JOB_ID));

    expect(error).toBeInstanceOf(SieveError);
    expect((error as Error).cause).toBeDefined();
  });

  it("a body past maxResponseBytes is a SieveResponseTooLargeError, not retried", async () => {
    const big = { ...job, error: "x".repeat(2 * MiB) };
    const server = await answerWith(200, Buffer.from(JSON.stringify(big)));

    const { error } = await timed(() =>
      client(server.url, { maxResponseBytes: MiB }).jobs.get(JOB_ID),
    );

    expect(error).toBeInstanceOf(SieveResponseTooLargeError);
    expect(error).toMatchObject({ status: 200, method: "GET", maxResponseBytes: MiB });
    expect((error as Error).message).toContain(`maxResponseBytes (${MiB} bytes)`);
    expect((error as Error).message).toContain("createSieveClient({ maxResponseBytes })");
    expect(server.requests).toHaveLength(1);
  });

  it("counts decoded bytes: a small gzip body that inflates past the limit fails", async () => {
    const bomb = gzipSync(Buffer.from(JSON.stringify({ ...job, error: " ".repeat(64 * MiB) })));
    expect(bomb.length).toBeLessThan(MiB);
    const server = await answerWith(200, bomb, { "content-encoding": "gzip" });

    const { error, ms } = await timed(() =>
      client(server.url, { maxResponseBytes: MiB }).jobs.get(JOB_ID),
    );

    expect(error).toBeInstanceOf(SieveResponseTooLargeError);
    expect(ms).toBeLessThan(5_000);
  });

  it("the limit holds for error bodies too: a huge 503 is not retried", async () => {
    const server = await answerWith(503, Buffer.alloc(2 * MiB, "e"));

    const { error } = await timed(() =>
      client(server.url, { maxResponseBytes: MiB }).jobs.get(JOB_ID),
    );

    expect(error).toBeInstanceOf(SieveResponseTooLargeError);
    expect((error as SieveApiError).status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  it("a push answered with a body past the limit says the job may exist, sent once", async () => {
    const big = { ...pushResponse, padding: "p".repeat(2 * MiB) };
    const server = await answerWith(200, Buffer.from(JSON.stringify(big)));

    const { error } = await timed(() =>
      client(server.url, { maxResponseBytes: MiB }).jobs.push({
        function: "demo/echo",
        inputs: {},
      }),
    );

    expect(error).toBeInstanceOf(SieveResponseTooLargeError);
    expect((error as Error).message).toContain(MAY_EXIST);
    expect(server.requests).toHaveLength(1);
  });

  it(
    "an endless 200 fails fast at the default limit, having read no more than it",
    { timeout: 20_000 },
    async () => {
      const counter = { written: 0 };
      const server = await startServer((_request, response) => writeForever(response, counter));
      const rssBefore = process.memoryUsage().rss;

      const { error, ms } = await timed(() =>
        client(server.url, { timeoutMs: 60_000 }).jobs.get(JOB_ID),
      );

      expect(error).toBeInstanceOf(SieveResponseTooLargeError);
      expect((error as SieveResponseTooLargeError).maxResponseBytes).toBe(32 * MiB);
      expect(ms).toBeLessThan(8_000);
      expect(server.requests).toHaveLength(1);
      // The client stopped reading: the server could not write much past the limit.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(counter.written).toBeLessThan(32 * MiB + 24 * MiB);
      expect(process.memoryUsage().rss - rssBefore).toBeLessThan(512 * MiB);
    },
  );
});
