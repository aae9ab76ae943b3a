/**
 * `jobs.wait` with the `await` long-poll (the default) and its fallbacks, through a client on a
 * fake fetch: one request for a job that ends within the server's hold; a 408 asks again at
 * once, unreported; a server without the endpoint is polled (and remembered); `strategy: "poll"`
 * never long-polls; a server answering a running job at once is not asked in a hot loop.
 */
import { describe, expect, it, vi } from "vitest";
import { SieveConfigError, SieveInputError, SieveNotFoundError } from "../../../src/index.js";
import { AWAIT_REQUEST_TIMEOUT_MS } from "../../../src/resources/jobs/await-reader.js";
import { makeJob } from "../../support/job-fixtures.js";
import {
  fakeFetch,
  rejectionOf,
  respond,
  testClient,
  type Responder,
} from "../../support/fake-fetch.js";

const ID = "job-1";
const awaitUrl = `https://api.test/v2/jobs/${ID}/await`;
const getUrl = `https://api.test/v2/jobs/${ID}`;

/** Answers `/await` and `GET /jobs/{id}` with their own queues of responders. */
function routed(awaits: Responder[], gets: Responder[] = []) {
  const queues = { await: [...awaits], get: [...gets] };
  return fakeFetch((request) => {
    const queue = request.url.startsWith(awaitUrl) ? queues.await : queues.get;
    const next = queue.length > 1 ? queue.shift() : queue[0];
    if (!next) throw new Error(`unexpected request ${request.url}`);
    return next(request);
  });
}
const answer =
  (status: number, body?: unknown): Responder =>
  () =>
    respond(status, body);
const paths = (requests: Request[]) => requests.map((r) => new URL(r.url).pathname);

describe("jobs.wait, strategy await (the default)", () => {
  it("sends exactly one request for a job that ends within the hold", async () => {
    const { fetch, requests } = routed([answer(200, makeJob("finished"))]);
    const job = await testClient(fetch).jobs.wait(ID);
    expect(job.status).toBe("finished");
    expect(paths(requests)).toEqual(["/v2/jobs/job-1/await"]);
    expect(requests[0]?.method).toBe("GET");
  });

  it("asks again at once after a 408 that ends a hold, without reporting a retry", async () => {
    const onRetry = vi.fn();
    const held =
      (status: number, body: unknown): Responder =>
      () =>
        new Promise((resolve) => setTimeout(() => resolve(respond(status, body)), 120));
    const { fetch, requests } = routed([
      held(408, { detail: "Request timeout." }),
      held(408, { detail: "Request timeout." }),
      held(200, makeJob("finished")),
    ]);
    const started = Date.now();
    await testClient(fetch, { onRetry }).jobs.wait(ID, { intervalMs: 100, maxIntervalMs: 5_000 });
    // Three holds of 120 ms, and no sleep between them (a sleep would be at least 90 ms).
    expect(Date.now() - started).toBeLessThan(3 * 120 + 80);
    expect(paths(requests)).toEqual(Array(3).fill("/v2/jobs/job-1/await"));
    expect(onRetry).not.toHaveBeenCalled();
  });

  it("asks a server that answers 408 at once (no hold) on the polling schedule, not in a loop", async () => {
    const { fetch, requests } = routed([answer(408, { detail: "Request timeout." })]);
    const controller = new AbortController();
    const waiting = testClient(fetch)
      .jobs.wait(ID, { intervalMs: 100, maxIntervalMs: 100, signal: controller.signal })
      .catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    controller.abort();
    await waiting;
    // One request per 100 ms (less 10 % of jitter): about 10 in a second, not thousands.
    expect(requests.length).toBeGreaterThanOrEqual(5);
    expect(requests.length).toBeLessThanOrEqual(13);
  });

  it("ends with the job's failure, as polling does", async () => {
    const { fetch } = routed([answer(200, makeJob("error"))]);
    const error = await rejectionOf(testClient(fetch).jobs.wait(ID));
    expect(error).toMatchObject({ name: "SieveJobFailedError" });
  });

  it.each([404, 405])(
    "polls a server that answers %i to await, and later waits poll from the start",
    async (status) => {
      const { fetch, requests } = routed(
        [answer(status, { detail: "Not Found" })],
        [answer(200, makeJob("processing")), answer(200, makeJob("finished"))],
      );
      const sieve = testClient(fetch);
      await sieve.jobs.wait(ID, { intervalMs: 1 });
      expect(paths(requests)).toEqual(["/v2/jobs/job-1/await", "/v2/jobs/job-1", "/v2/jobs/job-1"]);
      requests.length = 0;
      await sieve.jobs.wait(ID, { intervalMs: 1 });
      expect(paths(requests)).toEqual(["/v2/jobs/job-1"]);
    },
  );

  it("reports a job that does not exist as not found, and keeps the long-poll for later", async () => {
    const notFound = answer(404, { detail: "Job not found." });
    const { fetch, requests } = routed([notFound, answer(200, makeJob("finished"))], [notFound]);
    const sieve = testClient(fetch);
    expect(await rejectionOf(sieve.jobs.wait(ID))).toBeInstanceOf(SieveNotFoundError);
    requests.length = 0;
    await sieve.jobs.wait(ID);
    expect(paths(requests)).toEqual(["/v2/jobs/job-1/await"]);
  });

  it("does not ask in a hot loop a server that answers a running job at once", async () => {
    const { fetch, requests } = routed([
      answer(200, makeJob("processing")),
      answer(200, makeJob("processing")),
      answer(200, makeJob("finished")),
    ]);
    const started = Date.now();
    await testClient(fetch).jobs.wait(ID, { intervalMs: 100 });
    expect(requests).toHaveLength(3);
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it("with onStatus, reads the job once first, to report the status it starts from", async () => {
    const statuses: string[] = [];
    const { fetch, requests } = routed(
      [answer(200, makeJob("finished"))],
      [answer(200, makeJob("queued"))],
    );
    await testClient(fetch).jobs.wait(ID, { onStatus: (job) => void statuses.push(job.status) });
    expect(paths(requests)).toEqual(["/v2/jobs/job-1", "/v2/jobs/job-1/await"]);
    expect(statuses).toEqual(["queued", "finished"]);
  });

  it("holds a request longer than the client's per-attempt timeoutMs", async () => {
    const late: Responder = () =>
      new Promise((resolve) => setTimeout(() => resolve(respond(200, makeJob("finished"))), 300));
    const { fetch } = routed([late]);
    const job = await testClient(fetch, { timeoutMs: 100 }).jobs.wait(ID);
    expect(job.status).toBe("finished");
    expect(AWAIT_REQUEST_TIMEOUT_MS).toBeGreaterThan(10 * 60_000);
  });

  it("gives each request no more than the wait's time left", async () => {
    const { fetch } = routed([
      (request) =>
        new Promise((_, reject) => {
          request.signal.addEventListener("abort", () => reject(request.signal.reason));
        }),
    ]);
    const started = Date.now();
    const error = await rejectionOf(testClient(fetch).jobs.wait(ID, { timeoutMs: 200 }));
    expect(error).toMatchObject({ name: "SieveWaitTimeoutError" });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe("jobs.wait, strategy poll", () => {
  it("never sends the long-poll", async () => {
    const { fetch, requests } = routed(
      [answer(200, makeJob("finished"))],
      [answer(200, makeJob("processing")), answer(200, makeJob("finished"))],
    );
    await testClient(fetch).jobs.wait(ID, { strategy: "poll", intervalMs: 1 });
    expect(paths(requests)).toEqual(["/v2/jobs/job-1", "/v2/jobs/job-1"]);
  });

  it("refuses a strategy it does not know, before sending anything", async () => {
    const { fetch, requests } = routed([answer(200, makeJob("finished"))]);
    // @ts-expect-error: "stream" is not a strategy
    const error = await rejectionOf(testClient(fetch).jobs.wait(ID, { strategy: "stream" }));
    expect(error).toBeInstanceOf(SieveInputError);
    expect(error).toMatchObject({ field: "options.strategy" });
    expect(requests).toHaveLength(0);
  });
});

describe("the long-poll budget (maxLongPolls)", () => {
  it("polls a wait beyond the budget until a long-poll ends, then long-polls it", async () => {
    let release: (() => void) | undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const seen: string[] = [];
    const { fetch } = fakeFetch(async (request) => {
      const { pathname } = new URL(request.url);
      seen.push(pathname);
      if (pathname === "/v2/jobs/job-1/await") {
        await held;
        return respond(200, makeJob("finished"));
      }
      if (pathname === "/v2/jobs/job-2")
        return respond(200, makeJob("processing", [], { id: "job-2" }));
      return respond(200, makeJob("finished", [], { id: "job-2" }));
    });
    const sieve = testClient(fetch, { maxLongPolls: 1 });
    const first = sieve.jobs.wait("job-1");
    const second = sieve.jobs.wait("job-2", { intervalMs: 20, maxIntervalMs: 20 });
    await vi.waitFor(() =>
      expect(seen.filter((p) => p === "/v2/jobs/job-2").length).toBeGreaterThan(1),
    );
    expect(seen).not.toContain("/v2/jobs/job-2/await");
    release?.();
    await first;
    await second;
    expect(seen).toContain("/v2/jobs/job-2/await");
  });

  it("is 4 with a fetch, and 10,000 when the server speaks HTTP/2 (http2: true)", async () => {
    let release: () => void = () => undefined;
    let held = Promise.resolve();
    const awaits = new Set<string>();
    const { fetch } = fakeFetch(async (request) => {
      const { pathname } = new URL(request.url);
      const id = pathname.split("/")[3] ?? "";
      if (pathname.endsWith("/await")) {
        awaits.add(id);
        await held;
      }
      return respond(200, makeJob("finished", [], { id }));
    });
    const count = async (options: { http2?: boolean }) => {
      awaits.clear();
      held = new Promise<void>((resolve) => (release = resolve));
      const sieve = testClient(fetch, options);
      const waits = Array.from({ length: 200 }, (_, n) => sieve.jobs.wait(`job-${n}`));
      await vi.waitFor(() => expect(awaits.size).toBeGreaterThanOrEqual(4));
      await new Promise((resolve) => setTimeout(resolve, 50));
      const heldAtOnce = awaits.size;
      release();
      await Promise.all(waits);
      return heldAtOnce;
    };
    expect(await count({})).toBe(4);
    expect(await count({ http2: true })).toBe(200);
    expect(() => testClient(fetch, { http2: 1 as unknown as boolean })).toThrow(SieveConfigError);
  });

  it("0 makes every wait poll; a bad value is a SieveConfigError", async () => {
    const { fetch, requests } = routed(
      [answer(200, makeJob("finished"))],
      [answer(200, makeJob("finished"))],
    );
    await testClient(fetch, { maxLongPolls: 0 }).jobs.wait(ID);
    expect(paths(requests)).toEqual(["/v2/jobs/job-1"]);
    for (const bad of [-1, 1.5, "4", Number.NaN])
      // @ts-expect-error: not a count (the string one)
      expect(() => testClient(fetch, { maxLongPolls: bad })).toThrow(SieveConfigError);
  });
});

describe("a wait's deadline", () => {
  it("cutting a poll short is not the poll's failure: the timeout names the last real one", async () => {
    const hang: Responder = (request) =>
      new Promise((_, reject) =>
        request.signal.addEventListener("abort", () => reject(request.signal.reason)),
      );
    const { fetch } = routed([], [answer(503, { detail: "down" }), hang]);
    const error = await rejectionOf(
      testClient(fetch).jobs.wait(ID, { strategy: "poll", intervalMs: 50, timeoutMs: 800 }),
    );
    expect(error).toMatchObject({ name: "SieveWaitTimeoutError" });
    expect((error as Error).cause).toMatchObject({ name: "SieveServerError", status: 503 });
  });
});

describe("the long-poll against a misbehaving server", () => {
  it("never asks more than ten times a second, even with intervalMs: 1", async () => {
    const { fetch, requests } = routed([answer(408, { detail: "Request timeout." })]);
    const error = await rejectionOf(
      testClient(fetch).jobs.wait(ID, { intervalMs: 1, maxIntervalMs: 1, timeoutMs: 1_000 }),
    );
    expect(error).toMatchObject({ name: "SieveWaitTimeoutError" });
    expect(requests.length).toBeLessThanOrEqual(11);
  });

  it("announces no retry it will not make: none past the wait's deadline", async () => {
    const announced: number[] = [];
    const started = Date.now();
    const onRetry = (info: { delayMs: number }) => void announced.push(Date.now() + info.delayMs);
    const { fetch } = routed([answer(503, { detail: "down" })]);
    await rejectionOf(testClient(fetch, { onRetry }).jobs.wait(ID, { timeoutMs: 1_200 }));
    expect(announced.length).toBeGreaterThan(0);
    // Each announced retry is due before the deadline (1 200 ms after the start).
    for (const dueAt of announced) expect(dueAt - started).toBeLessThan(1_200);
  });
});
