/**
 * Every failure of the transport is typed (issue 10): a `SieveError` subclass with the method,
 * the URL (never the key) and a cause, for both entries: a `fetch` that rejects with anything
 * (`SieveConnectionError`) or breaks its contract (`SieveInternalError`), a timeout, a redirect
 * loop; and a failure whose text quotes the key has it masked in the message (its `cause` stays
 * the runtime's own error).
 */
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  SieveConnectionError,
  SieveError,
  SieveInternalError,
  SieveTimeoutError,
  type SieveClientOptions,
} from "../../src/index.js";
import { JOB_ID } from "../support/fixtures.js";
import { useLocalServers } from "../support/local-server.js";
import { ENTRIES, timed } from "./support.js";

const startServer = useLocalServers();
const KEY = "sk-live-TYPED-0d7c3e9b1a58";

type Fetch = SieveClientOptions["fetch"];
/** A rejection of the promise fetch returned: the network's failure. */
const REJECTING_FETCHES: [string, Fetch][] = [
  ["throws a TypeError", () => Promise.reject(new TypeError("agent.request is not a function"))],
  ["throws a string", () => Promise.reject("plain string failure")],
  ["quotes the key", () => Promise.reject(new Error(`connect failed for key ${KEY}`))],
];
/** A fetch that breaks its contract: a bug in that fetch, not the network. */
const BROKEN_FETCHES: [string, Fetch][] = [
  ["returns undefined", () => Promise.resolve(undefined as unknown as Response)],
  [
    "throws synchronously",
    () => {
      throw new RangeError(`bad fetch for key ${KEY}`);
    },
  ],
];

function expectTyped(error: unknown, method: string, url: string): void {
  expect(error).toBeInstanceOf(SieveError);
  expect(error).toMatchObject({ method, url });
  expect((error as Error).cause).toBeDefined();
  // The message and JSON are masked; `cause` is the runtime's own error, kept as it was.
  expect(`${String(error)} ${JSON.stringify(error)}`).not.toContain(KEY);
}

describe.each(ENTRIES)("through the %s", (_entry, create) => {
  it.each(REJECTING_FETCHES)("a fetch that %s gives a SieveConnectionError", async (_w, fetch) => {
    const sieve = create({ apiKey: KEY, baseUrl: "http://127.0.0.1:9/v2", fetch, maxRetries: 0 });

    const { error } = await timed(() => sieve.jobs.get(JOB_ID));

    expect(error).toBeInstanceOf(SieveConnectionError);
    expectTyped(error, "GET", `http://127.0.0.1:9/v2/jobs/${JOB_ID}`);
    expect(inspect(error, { depth: 5 })).toContain("SieveConnectionError");
  });

  it.each(BROKEN_FETCHES)("a fetch that %s gives a SieveInternalError", async (_w, fetch) => {
    const sieve = create({ apiKey: KEY, baseUrl: "http://127.0.0.1:9/v2", fetch, maxRetries: 0 });

    const { error } = await timed(() => sieve.jobs.get(JOB_ID));

    expect(error).toBeInstanceOf(SieveInternalError);
    expectTyped(error, "GET", `http://127.0.0.1:9/v2/jobs/${JOB_ID}`);
    expect(inspect(error, { depth: 5 })).toContain("SieveInternalError");
  });

  it("a timeout is a SieveTimeoutError with a cause", async () => {
    const server = await startServer(() => undefined);
    const sieve = create({ apiKey: KEY, baseUrl: server.url, timeoutMs: 100, maxRetries: 0 });

    const { error } = await timed(() => sieve.jobs.get(JOB_ID));

    expect(error).toBeInstanceOf(SieveTimeoutError);
    expectTyped(error, "GET", `${server.url}/jobs/${JOB_ID}`);
  });

  it("a redirect loop is a SieveConnectionError whose cause lists the hops", async () => {
    const server = await startServer((request, response) => {
      response.writeHead(302, { location: request.path.endsWith("a") ? "/b" : "/a" });
      response.end();
    });
    const sieve = create({ apiKey: KEY, baseUrl: server.url, maxRetries: 2 });

    const { error } = await timed(() => sieve.jobs.get("a"));

    expect(error).toBeInstanceOf(SieveConnectionError);
    expectTyped(error, "GET", `${server.url}/jobs/a`);
    expect(String((error as Error).cause)).toContain("302 to");
    expect(server.requests).toHaveLength(6);
  });
});
