/**
 * Defects a user pass found in the transport and the senders, each against a small `node:http`
 * server on 127.0.0.1 (or a custom `fetch`), through both entries where the sender matters:
 * `stopRetrying` ends a retry sleep at once; a broken `fetch` is a `SieveInternalError`, not the
 * network; a `fetch` that ignores its signal still honours `timeoutMs` and the caller's abort;
 * raw deflate bodies decode; every `Set-Cookie` is kept, masked; a push's unfollowed 3xx or
 * redirect loop says the job may exist.
 */
import { deflateRawSync, deflateSync } from "node:zlib";
import { describe, expect, it, vi } from "vitest";
import { createContext } from "../../src/core/request/context.js";
import { createFetchSender } from "../../src/core/http/fetch-sender.js";
import type { Sender } from "../../src/core/http/http-types.js";
import { NetworkFailure } from "../../src/core/http/network-failure.js";
import { NOT_SENT_TWICE, createTransport } from "../../src/core/http/transport.js";
import { createUndiciSender } from "../../src/core/http/undici-sender.js";
import {
  SieveApiError,
  SieveConnectionError,
  SieveInternalError,
  SieveRateLimitError,
  SieveTimeoutError,
  type SieveClientOptions,
} from "../../src/index.js";
import { job, JOB_ID } from "../support/fixtures.js";
import { sendJson, useLocalServers } from "../support/local-server.js";
import { watchHandles } from "./live-handles.js";
import { ENTRIES, MAY_EXIST, sleep, timed } from "./support.js";

const startServer = useLocalServers();
const KEY = "sk-live-FIXES-5b2e81c0d9a4";
const SENDERS: [string, () => Sender][] = [
  ["undici sender", createUndiciSender],
  ["fetch sender", () => createFetchSender((url, init) => globalThis.fetch(url, init))],
];

describe.each(SENDERS)("stopRetrying, on the %s", (_name, makeSender) => {
  it("ends a Retry-After sleep at once: one push, the 429 as a SieveRateLimitError", async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(429, { "content-type": "application/json", "retry-after": "1" });
      response.end(JSON.stringify({ detail: "slow down" }));
    });
    const transport = createTransport({
      send: makeSender(),
      maxRetries: 2,
      maxRetryDelayMs: 5_000,
      timeoutMs: 5_000,
    });
    const ctx = createContext(transport, {
      apiKey: KEY,
      maxLongPolls: 4,
      baseUrl: `${server.url}/v2`,
      maxRetryDelayMs: 60_000,
      timeoutMs: 5_000,
      headers: { "X-API-Key": KEY },
    });
    const stop = new AbortController();
    const body = { function: "demo/echo", inputs: {} };
    const pushed = timed(() =>
      ctx.call("post", "/push", { body }, undefined, {
        serverFailureNote: NOT_SENT_TWICE,
        stopRetrying: stop.signal,
      }),
    );
    await sleep(150);
    expect(server.requests).toHaveLength(1);
    stop.abort();

    const { error, ms } = await pushed;

    expect(error).toBeInstanceOf(SieveRateLimitError);
    expect(ms).toBeLessThan(700);
    await sleep(1_100);
    expect(server.requests).toHaveLength(1);
  });
});

describe("stopRetrying in the transport", () => {
  it("throws the last network failure once it aborts during a backoff", async () => {
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    const send = vi.fn<Sender>(() => Promise.reject(new NetworkFailure(reset)));
    const transport = createTransport({
      send,
      maxRetries: 3,
      maxRetryDelayMs: 60_000,
      timeoutMs: 5_000,
    });
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 50);

    const request = {
      method: "GET",
      url: "http://127.0.0.1:9/v2/jobs",
      headers: {},
      body: undefined,
    };
    const { error, ms } = await timed(() =>
      transport(request, undefined, { stopRetrying: stop.signal }),
    );

    expect(error).toBeInstanceOf(SieveConnectionError);
    expect(String(error)).toContain("ECONNRESET");
    expect(send).toHaveBeenCalledTimes(1);
    expect(ms).toBeLessThan(300);
  });

  it("sends the first attempt even when already aborted, and no retry", async () => {
    const server = await startServer((_request, response) => sendJson(response, 503, {}));
    const transport = createTransport({
      send: createUndiciSender(),
      maxRetries: 3,
      maxRetryDelayMs: 60_000,
      timeoutMs: 5_000,
    });
    const request = { method: "GET", url: `${server.url}/v2/jobs`, headers: {}, body: undefined };

    const response = await transport(request, undefined, { stopRetrying: AbortSignal.abort() });

    expect(response.status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });
});

type Fetch = NonNullable<SieveClientOptions["fetch"]>;
const BROKEN: [string, Fetch][] = [
  ["resolves with null", () => Promise.resolve(null as unknown as Response)],
  ["resolves with {}", () => Promise.resolve({} as Response)],
  ["resolves without a status", () => Promise.resolve({ headers: new Headers() } as Response)],
  ["resolves without headers.get", () => Promise.resolve({ status: 200, headers: {} } as Response)],
  [
    "throws synchronously",
    () => {
      throw new TypeError("fetch is not configured");
    },
  ],
];

describe.each(ENTRIES)("through the %s", (_entry, create) => {
  const client = (fetch: Fetch, options: SieveClientOptions = {}) =>
    create({ apiKey: KEY, baseUrl: "http://127.0.0.1:9/v2", fetch, maxRetries: 2, ...options });

  it.each(BROKEN)("a fetch that %s is a SieveInternalError, never retried", async (_w, impl) => {
    const fetch = vi.fn(impl);

    const { error } = await timed(() => client(fetch).jobs.get(JOB_ID));

    expect(error).toBeInstanceOf(SieveInternalError);
    expect(error).toMatchObject({ method: "GET", url: `http://127.0.0.1:9/v2/jobs/${JOB_ID}` });
    expect((error as Error).cause).toBeDefined();
    expect((error as Error).message).toContain("fetch passed to createSieveClient");
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("a body stream that fails while read is a network failure", async () => {
    const failing = new ReadableStream<Uint8Array>({
      pull: (controller) => controller.error(new TypeError("terminated")),
    });
    const fetch: Fetch = () => Promise.resolve(new Response(failing, { status: 200 }));

    const { error } = await timed(() => client(fetch, { maxRetries: 0 }).jobs.get(JOB_ID));

    expect(error).toBeInstanceOf(SieveConnectionError);
    expect(String(error)).toContain("terminated");
  });

  it.each([
    ["never settles", () => new Promise<Response>(() => undefined)],
    [
      "stalls its body",
      () => Promise.resolve(new Response(new ReadableStream({}), { status: 200 })),
    ],
  ] as [string, Fetch][])("a fetch that ignores its signal and %s times out", async (_w, fetch) => {
    const watch = watchHandles();
    const sieve = client(fetch, { timeoutMs: 300, maxRetries: 0 });

    const { error, ms } = await timed(() => sieve.jobs.get(JOB_ID));

    expect(error).toBeInstanceOf(SieveTimeoutError);
    expect(ms).toBeLessThan(1_000);
    await watch.expectNothingLeft();
  });

  it("a fetch that ignores its signal ends within 50 ms of the caller's abort", async () => {
    const watch = watchHandles();
    const sieve = client(() => new Promise<Response>(() => undefined), { timeoutMs: 5_000 });
    const controller = new AbortController();
    const reason = new Error("caller gave up");
    let abortedAt = 0;
    setTimeout(() => {
      abortedAt = performance.now();
      controller.abort(reason);
    }, 100);

    const { error } = await timed(() =>
      sieve.jobs.get(JOB_ID, undefined, { signal: controller.signal }),
    );

    expect(error).toBe(reason);
    expect(performance.now() - abortedAt).toBeLessThan(50);
    await watch.expectNothingLeft();
  });
});

describe.each(ENTRIES)("against a local server, through the %s", (_entry, create) => {
  const client = (url: string) =>
    create({ apiKey: KEY, baseUrl: `${url}/v2`, maxRetries: 0, timeoutMs: 5_000 });

  it.each([
    ["raw deflate (no zlib header)", deflateRawSync],
    ["zlib-wrapped deflate", deflateSync],
  ])("decodes %s", async (_w, deflate) => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, {
        "content-type": "application/json",
        "content-encoding": "deflate",
      });
      response.end(deflate(Buffer.from(JSON.stringify(job))));
    });

    await expect(client(server.url).jobs.get(JOB_ID)).resolves.toMatchObject({ id: job.id });
  });

  it("keeps every Set-Cookie in error.headers, masked", async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(400, {
        "content-type": "application/json",
        "set-cookie": ["first=1; Path=/", `session=${KEY}; HttpOnly`],
      });
      response.end(JSON.stringify({ detail: "bad" }));
    });

    const { error } = await timed(() => client(server.url).jobs.get(JOB_ID));

    expect(error).toBeInstanceOf(SieveApiError);
    const cookies = (error as SieveApiError).headers["set-cookie"];
    expect(cookies).toContain("first=1; Path=/");
    expect(cookies).toContain("session=");
    expect(cookies).not.toContain(KEY);
  });

  it("a push whose 303 ends in a redirect loop says the job may exist", async () => {
    const server = await startServer((request, response) => {
      const next = request.method === "POST" || request.path.endsWith("/b") ? "/v2/a" : "/v2/b";
      response.writeHead(request.method === "POST" ? 303 : 302, { location: next });
      response.end();
    });

    const { error } = await timed(() =>
      client(server.url).jobs.push({ function: "demo/echo", inputs: {} }),
    );

    expect(error).toBeInstanceOf(SieveConnectionError);
    expect(String(error)).toContain("redirects");
    expect(String(error)).toContain(MAY_EXIST);
    expect(server.requests.filter((request) => request.method === "POST")).toHaveLength(1);
  });

  it("a push answered with a 302 it does not follow says the job may exist", async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(302, { location: "/v2/elsewhere", "content-type": "text/plain" });
      response.end("moved");
    });

    const { error } = await timed(() =>
      client(server.url).jobs.push({ function: "demo/echo", inputs: {} }),
    );

    expect(error).toBeInstanceOf(SieveApiError);
    expect(error).toMatchObject({ status: 302 });
    expect(String(error)).toContain(MAY_EXIST);
    expect(server.requests).toHaveLength(1);
  });
});
