import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { afterEach } from "vitest";
import type { FunctionIO, Job, JobStatus, WebhookEvent } from "../../generated/sieve.js";
import { startEmulator } from "../../src/emulator/index.js";
import type { Emulator, EmulatorJob, EmulatorOptions } from "../../src/emulator/index.js";
import { createSieveClient, type SieveClient } from "../../src/index.js";

/**
 * Starts emulators (and anything else closable) for one test file and closes them all after
 * each test.
 */
export function useEmulators(): {
  start: (options?: EmulatorOptions) => Promise<Emulator>;
  track: <T extends { close(): Promise<void> }>(resource: T) => T;
} {
  const open: Array<{ close(): Promise<void> }> = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((resource) => resource.close()));
  });
  const track = <T extends { close(): Promise<void> }>(resource: T): T => {
    open.push(resource);
    return resource;
  };
  return { start: async (options) => track(await startEmulator(options)), track };
}

/** A client for an emulator; no retries unless asked, so each test sees what it sent. */
export function clientFor(emu: Emulator, maxRetries = 0): SieveClient {
  return createSieveClient({ apiKey: emu.apiKey, baseUrl: emu.url, maxRetries });
}

/** The parsed answer of a raw request. */
export interface RawAnswer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** Sends one raw request to the emulator (with its key unless `key` says otherwise). */
export async function api(
  emu: Emulator,
  method: string,
  path: string,
  { body, key = emu.apiKey }: { body?: unknown; key?: string | null } = {},
): Promise<RawAnswer> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key !== null) headers["x-api-key"] = key;
  const response = await fetch(`${emu.url}${path}`, {
    method,
    headers,
    body: typeof body === "string" || body === undefined ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON: keep the text.
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

const TERMINAL: readonly JobStatus[] = ["finished", "error", "cancelled"];

/** Resolves with the job once it reaches one of `statuses` (default: any terminal status). */
export function untilStatus(
  emu: Emulator,
  id: string,
  statuses: readonly JobStatus[] = TERMINAL,
  timeoutMs = 2_000,
): Promise<EmulatorJob> {
  return new Promise((resolve, reject) => {
    const check = (job: EmulatorJob) => {
      if (job.id !== id || !statuses.includes(job.status)) return false;
      clearTimeout(timer);
      emu.events.off("job", check);
      resolve(job);
      return true;
    };
    const timer = setTimeout(() => {
      emu.events.off("job", check);
      reject(new Error(`job ${id} did not reach ${statuses.join("/")} in ${timeoutMs} ms`));
    }, timeoutMs);
    emu.events.on("job", check);
    const current = emu.jobs.get(id);
    if (current) check(current);
  });
}

/** A job's outputs as one flat list (the spec allows null and nested lists; the emulator sends neither). */
export const outputsOf = (job: Job | undefined): FunctionIO[] => (job?.outputs ?? []).flat();

/** Resolves after `ms`. */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A local webhook receiver: records every POST it gets, in arrival order. */
export interface WebhookReceiver {
  url: string;
  received: Array<{ path: string; contentType: string | undefined; event: WebhookEvent }>;
  /** Resolves once `count` events arrived. */
  until(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

/** Starts a receiver that answers `status`, or never answers when `hang` is set. */
export async function startReceiver({ status = 200, hang = false } = {}): Promise<WebhookReceiver> {
  const received: WebhookReceiver["received"] = [];
  const waiters = new Set<() => void>();
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req as AsyncIterable<Buffer>) chunks.push(chunk);
    const event = JSON.parse(Buffer.concat(chunks).toString("utf8")) as WebhookEvent;
    received.push({ path: req.url ?? "", contentType: req.headers["content-type"], event });
    for (const wake of waiters) wake();
    if (!hang) res.writeHead(status).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    until(count, timeoutMs = 2_000) {
      return new Promise((resolve, reject) => {
        const wake = () => {
          if (received.length < count) return;
          clearTimeout(timer);
          waiters.delete(wake);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.delete(wake);
          reject(new Error(`only ${received.length} of ${count} webhook events arrived`));
        }, timeoutMs);
        waiters.add(wake);
        wake();
      });
    },
    close() {
      return new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
