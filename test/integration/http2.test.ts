import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { createServer as createHttpServer } from "node:http";
import { connect as http2Connect } from "node:http2";
import { createServer as createTlsServer } from "node:https";
import {
  connect as tcpConnect,
  createServer as createTcpServer,
  type AddressInfo,
  type Socket,
} from "node:net";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { createSieveClient, SieveConnectionError } from "../../src/node.js";
import { startEmulator, type Emulator } from "../../src/emulator/index.js";
import { makeJob } from "../support/job-fixtures.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const cleanups: (() => Promise<unknown> | unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function emulator(options?: Parameters<typeof startEmulator>[0]): Promise<Emulator> {
  const emu = await startEmulator(options);
  cleanups.push(() => emu.close());
  return emu;
}

/** A TCP proxy in front of `port` that counts the connections made through it. */
async function countingProxy(port: number): Promise<{ port: number; connections: () => number }> {
  const sockets = new Set<Socket>();
  const server = createTcpServer((client) => {
    const upstream = tcpConnect(port, "127.0.0.1");
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on("error", () => undefined).on("close", () => (client.destroy(), upstream.destroy()));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((resolve) => server.close(resolve)));
  cleanups.push(() => sockets.forEach((socket) => socket.destroy()));
  const connections = () => [...sockets].length / 2;
  return { port: (server.address() as AddressInfo).port, connections };
}

const isHttp2 = (headers: Record<string, unknown>) => headers[":method"] !== undefined;

describe("the emulator speaks HTTP/1.1 and HTTP/2 (h2c) on one port", () => {
  it("answers both, told apart by the connection's first bytes", async () => {
    const emu = await emulator();
    const http1 = await fetch(`${emu.url}/jobs`, { headers: { "X-API-Key": emu.apiKey } });
    expect(http1.status).toBe(200);

    const session = http2Connect(`http://127.0.0.1:${emu.port}`);
    cleanups.push(() => session.close());
    const stream = session.request({ ":path": "/v2/jobs", "x-api-key": emu.apiKey });
    const [headers, body] = await new Promise<[Record<string, unknown>, string]>(
      (resolve, reject) => {
        let text = "";
        let head: Record<string, unknown> = {};
        stream.setEncoding("utf8");
        stream.on("response", (h) => (head = h));
        stream.on("data", (chunk: string) => (text += chunk));
        stream.on("end", () => resolve([head, text]));
        stream.on("error", reject);
      },
    );
    expect(headers[":status"]).toBe(200);
    expect(JSON.parse(body)).toHaveProperty("data");
    expect(emu.requests.map((r) => isHttp2(r.headers))).toEqual([false, true]);
  });
});

describe("createSieveClient({ http2: true })", () => {
  it("pushes, reads and waits over HTTP/2, and a broken stream is retried as a broken connection", async () => {
    const emu = await emulator({
      functions: { "demo/echo": { delayMs: 50, handler: async (inputs) => inputs.text } },
    });
    const sieve = createSieveClient({ apiKey: emu.apiKey, baseUrl: emu.url, http2: true });
    const { id } = await sieve.jobs.push({ function: "demo/echo", inputs: { text: "hi" } });
    emu.faults.next({ drop: "before-response", matching: { method: "GET" } });
    expect((await sieve.jobs.get(id)).id).toBe(id);
    expect((await sieve.jobs.wait(id)).status).toBe("finished");
    const seen = [...emu.requests];
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen.every((r) => isHttp2(r.headers))).toBe(true);
  });

  it("holds 1,000 waits as 1,000 long-polls over at most 128 connections", async () => {
    const emu = await emulator({
      functions: {
        "demo/sleep": { delayMs: 0, handler: async (inputs) => void (await sleep(inputs.ms)) },
      },
    });
    const sieve = createSieveClient({ apiKey: emu.apiKey, baseUrl: emu.url, http2: true });
    const ids: string[] = [];
    for (let n = 0; n < 1_000; n += 100) {
      const batch = Array.from({ length: 100 }, (_, k) =>
        sieve.jobs.push({ function: "demo/sleep", inputs: { ms: 1_000 + ((n + k) % 500) } }),
      );
      ids.push(...(await Promise.all(batch)).map((job) => job.id));
    }
    emu.requests.clear();
    // Waits only, through a proxy of their own (the agent pools connections per origin): a push
    // is not idempotent, so undici gives each push in flight a connection to itself.
    const proxy = await countingProxy(emu.port);
    const waiter = createSieveClient({
      apiKey: emu.apiKey,
      baseUrl: `http://127.0.0.1:${proxy.port}/v2`,
      http2: true,
    });
    const jobs = await Promise.all(ids.map((id) => waiter.jobs.wait(id)));
    expect(jobs.every((job) => job.status === "finished")).toBe(true);
    expect(emu.requests.count({ method: "GET", path: /^\/jobs\/[^/]+\/await$/ })).toBe(1_000);
    expect(emu.requests.length).toBe(1_000);
    // Up to 100 streams per connection: over HTTP/1.1, 1,000 held requests need 1,000 sockets,
    // and with the default budget of 96 long-polls the other waits would poll.
    expect(proxy.connections()).toBeLessThanOrEqual(128);
  }, 30_000);

  it("against a cleartext server that speaks only HTTP/1.1: a SieveConnectionError", async () => {
    const server = createHttpServer((_req, res) => res.end("{}"));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    cleanups.push(() => server.closeAllConnections());
    const { port } = server.address() as AddressInfo;
    const sieve = createSieveClient({
      apiKey: "k",
      baseUrl: `http://127.0.0.1:${port}/v2`,
      http2: true,
      maxRetries: 0,
    });
    const error = await sieve.jobs.get("j").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SieveConnectionError);
    expect(String((error as Error).cause)).toMatch(/may not speak HTTP\/2.*http2: true/);
  });

  it("over TLS, refuses a server that does not choose h2, and says why", async () => {
    const fixtures = join("test/fixtures/tls");
    const server = createTlsServer(
      { key: await readFile(`${fixtures}/key.pem`), cert: await readFile(`${fixtures}/cert.pem`) },
      (_req, res) => res.end(JSON.stringify(makeJob("finished", [], { id: "j" }))),
    );
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    cleanups.push(() => new Promise((resolve) => server.close(resolve)));
    cleanups.push(() => server.closeAllConnections());
    const { port } = server.address() as AddressInfo;
    // The agent is shared by the process: the certificate is trusted in a child of its own.
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "test/integration/http2-tls-child.ts", `https://localhost:${port}/v2`],
      { cwd: root, env: { ...process.env, NODE_EXTRA_CA_CERTS: `${fixtures}/cert.pem` } },
    );
    const outcome = JSON.parse(stdout) as Record<string, { name: string; message: string }>;
    expect(outcome.http1).toEqual({ name: "ok", message: "j" });
    expect(outcome.http2?.name).toBe("SieveConnectionError");
    expect(outcome.http2?.message).toMatch(/did not agree to HTTP\/2.*Leave http2 off/s);
  }, 30_000);
});

function join(path: string): string {
  return `${root}${path}`;
}

function sleep(ms: unknown): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Number(ms)));
}
