import { EventEmitter } from "node:events";
import { handleOperation } from "./api-handlers.js";
import { checkOptions } from "./check-options.js";
import { ConcurrencyGate } from "./concurrency-gate.js";
import { CorsPolicy } from "./cors.js";
import {
  breakExchange,
  createDualProtocolServer,
  type EmulatorRequest,
  type EmulatorResponse,
} from "./dual-protocol-server.js";
import { FaultQueue, faultReply } from "./faults.js";
import { FunctionRegistry } from "./function-registry.js";
import { HostCheck } from "./host-check.js";
import { detailReply, readBody, writeReply, type Reply } from "./http-reply.js";
import { JobRunner } from "./job-runner.js";
import { JobStore } from "./job-store.js";
import { JobWaiters } from "./job-waiters.js";
import { RequestLog } from "./request-log.js";
import { matchRoute } from "./router.js";
import { TimerSet } from "./timers.js";
import type { Emulator, EmulatorEvents, EmulatorOptions, RecordedRequest } from "./types.js";
import { WebhookSender } from "./webhook-sender.js";

/**
 * The API key an emulator accepts unless `apiKey` says otherwise.
 *
 * @example
 * const emu = await startEmulator();
 * const sieve = createSieveClient({ apiKey: DEFAULT_EMULATOR_API_KEY, baseUrl: emu.url });
 */
export const DEFAULT_EMULATOR_API_KEY = "sieve-emulator-key";

const MAX_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Starts a local, stateful Sieve API on 127.0.0.1: every operation of openapi/sieve.yaml,
 * served from memory over HTTP/1.1 and cleartext HTTP/2 (h2c, 100 streams per connection) on
 * the same port, with jobs run by the given handlers, real webhook deliveries, fault
 * injection and a request log. Resolves once it listens.
 *
 * A request goes: recorded in `requests` -> its `Host` checked (403 unless a loopback name or
 * one of `allowedHosts`) -> with `cors`, a preflight answered (204) -> a queued fault, if one
 * matches -> route (404/405) -> `X-API-Key` (401) -> query/body validation (422) -> the
 * operation. Jobs wait for one of `maxConcurrency` slots, log as they run (`GET /logs`), and
 * cost their running time times their function's price (`GET /usage...`);
 * `GET /jobs/{id}/await` holds the request until the job ends or `awaitHoldMs` passes (408).
 * Options are checked first: an unknown name or a value of the wrong kind throws a SieveConfigError
 * that names it.
 *
 * @example
 * import { createSieveClient } from "sieve-client";
 * import { startEmulator } from "sieve-client/emulator";
 *
 * const emu = await startEmulator({
 *   functions: { "demo/echo": { handler: async (inputs) => inputs.text } },
 * });
 * const sieve = createSieveClient({ apiKey: emu.apiKey, baseUrl: emu.url });
 * const { id } = await sieve.jobs.push({ function: "demo/echo", inputs: { text: "hi" } });
 * await emu.close();
 */
export async function startEmulator(options?: EmulatorOptions): Promise<Emulator> {
  const checked = checkOptions(options);
  const port = checked.port ?? 0;
  const apiKey = checked.apiKey ?? DEFAULT_EMULATOR_API_KEY;
  const awaitHoldMs = checked.awaitHoldMs ?? 600_000;
  const credits = checked.credits ?? 100;
  const cors = new CorsPolicy(checked.cors);
  const hosts = new HostCheck(checked.allowedHosts);
  const gate = new ConcurrencyGate(checked.maxConcurrency ?? 10_000);
  const timers = new TimerSet();
  const webhooks = new WebhookSender(checked.webhookTimeoutMs ?? 5_000);
  const events = new EventEmitter<EmulatorEvents>();
  // Tests and benchmarks may watch thousands of jobs at once, one listener each.
  events.setMaxListeners(0);
  const store = new JobStore();
  const registry = new FunctionRegistry(checked.functions ?? {}, Date.now(), checked.organization);
  const runner = new JobRunner({ store, timers, webhooks, events, gate });
  const waiters = new JobWaiters(timers, events);
  const context = {
    registry,
    store,
    runner,
    waiters,
    awaitHoldMs,
    maxConcurrency: gate.max,
    credits,
  };
  const requests = new RequestLog(checked.requestLogLimit);
  const faults = new FaultQueue();
  let closing: Promise<void> | undefined;

  async function handle(req: EmulatorRequest, res: EmulatorResponse): Promise<void> {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const inApi = url.pathname === "/v2" || url.pathname.startsWith("/v2/");
    const path = inApi ? url.pathname.slice(3) : url.pathname;
    const entry = requests.record({
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      time: Date.now(),
      headers: { ...req.headers },
    });
    // HTTP/2 names the host in `:authority`; a client may still send `host`.
    const authority = req.headers[":authority"];
    const host = req.headers.host ?? (typeof authority === "string" ? authority : undefined);
    // Neither a refused request nor a preflight uses up a fault: a test's fault hits its own call.
    const early = hosts.refuse(host) ?? cors.preflight(method, req.headers);
    if (early) {
      writeReply(res, early);
      return;
    }
    const fault = faults.take(method, path);
    // The body is read as it arrives, as a real server would: a push whose client gave up
    // during an injected latency still creates its job (that is what may duplicate a push).
    const body = method === "POST" ? readBody(req, MAX_BODY_BYTES).catch(() => null) : undefined;
    if (fault?.latencyMs) await timers.sleep(fault.latencyMs);
    if (fault?.drop === "before-response") {
      breakExchange(req);
      return;
    }
    // Aborted when the client goes away before its answer was written (ends an await hold).
    const gone = new AbortController();
    res.once("close", () => gone.abort());
    const reply =
      fault?.status !== undefined
        ? faultReply({ ...fault, status: fault.status })
        : await answer(req, method, url, inApi ? path : undefined, entry, body, gone.signal);
    const breakHalfway = fault?.drop === "mid-response" ? () => breakExchange(req) : undefined;
    if (reply) writeReply(res, reply, { breakHalfway });
  }

  async function answer(
    req: EmulatorRequest,
    method: string,
    url: URL,
    path: string | undefined,
    entry: RecordedRequest,
    pendingBody: Promise<string | undefined | null> | undefined,
    signal: AbortSignal,
  ): Promise<Reply | null> {
    const match = path === undefined ? detailReply(404, "Not Found") : matchRoute(method, path);
    if (!("operation" in match)) return match;
    if (req.headers["x-api-key"] !== apiKey) {
      return detailReply(401, "Unauthorized - valid API Key required.");
    }
    let body: string | undefined;
    if (method === "POST") {
      const received = await (pendingBody ?? readBody(req, MAX_BODY_BYTES));
      if (received === null) return detailReply(400, "The request body did not arrive.");
      if (received === undefined) {
        // The rest of the body is never read: the connection cannot carry another request.
        const tooLarge = detailReply(413, "Request body too large.");
        return { ...tooLarge, headers: { ...tooLarge.headers, connection: "close" } };
      }
      body = received;
      entry.body = body;
    }
    // A push whose body arrived while close() ran must not start a job on a closed emulator.
    if (closing) return detailReply(503, "Emulator closed.");
    return handleOperation(context, { match, query: url.searchParams, body, signal });
  }

  const { server, destroyConnections } = createDualProtocolServer((req, res) => {
    // Set first, so that every answer carries them: errors, faults, a truncated body.
    for (const [name, value] of Object.entries(cors.headersFor(req.headers))) {
      res.setHeader(name, value);
    }
    handle(req, res).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      writeReply(res, detailReply(500, `Internal Server Error: ${message}`));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address();
  const boundPort = typeof address === "object" && address ? address.port : port;

  return {
    url: `http://127.0.0.1:${boundPort}/v2`,
    port: boundPort,
    apiKey,
    faults,
    requests,
    jobs: store,
    events,
    close() {
      closing ??= (async () => {
        waiters.close();
        timers.clearAll();
        runner.abortAll();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        destroyConnections();
        await webhooks.close();
        await closed;
      })();
      return closing;
    },
  };
}
