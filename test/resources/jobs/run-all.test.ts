/**
 * `sieve.jobs.runAll` (issue 14) on a fake fetch: results in completion order, each item once;
 * the concurrency (default from `GET /user/concurrency`) never exceeded; a 429 pausing every
 * push; ambiguous pushes never resent; an abort or a `break` cancelling the running jobs;
 * `onProgress`; the checks of its arguments; and the journal (resume, refusals).
 */
import { describe, expect, it, vi } from "vitest";
import {
  SieveAmbiguousPushError,
  SieveInputError,
  SieveJobFailedError,
  SieveJournalError,
  SieveRunAbortedError,
  SieveValidationError,
  type BatchJournal,
  type BatchJournalEntry,
  type BatchProgress,
  type BatchResult,
  type PushJobRequest,
  type RunAllOptions,
} from "../../../src/index.js";
import { testClient, untyped } from "../../support/fake-fetch.js";
import { checkPushRequest } from "../../../src/core/validation/push-request.js";
import { requestKey } from "../../../src/resources/jobs/batch/journal-replay.js";
import { fakeSieve, type FakeSieveOptions } from "./fake-sieve.js";

const keyOf = (request: PushJobRequest | undefined) => requestKey(checkPushRequest(request));

const request = (n: number, inputs: Record<string, unknown> = {}): PushJobRequest => ({
  function: "demo/echo",
  inputs: { n, ms: 5, ...inputs },
});
const many = (count: number, inputs?: Record<string, unknown>) =>
  Array.from({ length: count }, (_, n) => request(n, inputs));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function collect<R>(results: AsyncIterable<BatchResult<R>>): Promise<BatchResult<R>[]> {
  const all: BatchResult<R>[] = [];
  for await (const result of results) all.push(result);
  return all;
}

function setUp(options: FakeSieveOptions = {}, client: Parameters<typeof testClient>[1] = {}) {
  const sieve = fakeSieve(options);
  return { ...sieve, client: testClient(sieve.fetch, { maxRetries: 0, ...client }) };
}

/** Every index of `count` reported exactly once. */
function expectEachOnce(results: BatchResult<unknown>[], count: number): void {
  expect(results.map((r) => r.index).sort((a, b) => a - b)).toEqual(
    Array.from({ length: count }, (_, i) => i),
  );
}

describe("jobs.runAll: results", () => {
  it("yields each item once, in the order the jobs end, with the request given", async () => {
    const { client, pushes } = setUp();
    const requests = [request(0, { ms: 120 }), request(1, { ms: 10 }), request(2, { ms: 60 })];
    const results = await collect(client.jobs.runAll(requests, { concurrency: 3 }));
    expect(results.map((r) => r.index)).toEqual([1, 2, 0]);
    for (const result of results) {
      expect(result.request).toBe(requests[result.index]);
      expect(result.job?.status).toBe("finished");
      expect(result.resumed).toBe(false);
    }
    expect(pushes).toHaveLength(3);
  });

  it("reads an async iterable lazily, and reports a failed job with its id", async () => {
    const { client } = setUp();
    async function* requests() {
      yield request(0);
      yield request(1, { fail: true });
    }
    const results = await collect(client.jobs.runAll(requests(), { concurrency: 2 }));
    expectEachOnce(results, 2);
    const failed = results.find((r) => r.index === 1);
    expect(failed?.error).toBeInstanceOf(SieveJobFailedError);
    expect(failed).toMatchObject({ jobId: expect.stringMatching(/^job-/), jobMayExist: true });
  });

  it("reports a bad request as that item's SieveInputError, sends nothing for it", async () => {
    const { client, pushes } = setUp();
    const bad = untyped({ function: "no slash", inputs: { n: 1 } });
    const results = await collect(client.jobs.runAll([request(0), bad, request(2)]));
    expectEachOnce(results, 3);
    const failed = results.find((r) => r.index === 1);
    expect(failed?.error).toBeInstanceOf(SieveInputError);
    expect(failed).toMatchObject({ jobId: undefined, jobMayExist: false });
    expect(pushes.map((p) => p.inputs.n).sort()).toEqual([0, 2]);
  });

  it("ends with the error of a failing iterable, after the items read before it", async () => {
    const { client } = setUp();
    const boom = new Error("the source broke");
    function* requests() {
      yield request(0);
      yield request(1);
      throw boom;
    }
    const seen: number[] = [];
    const run = async () => {
      for await (const result of client.jobs.runAll(requests(), { concurrency: 1 }))
        seen.push(result.index);
    };
    await expect(run()).rejects.toBe(boom);
    expect(seen).toEqual([0, 1]);
  });
});

describe("jobs.runAll: concurrency", () => {
  it("never has more items in flight than `concurrency`", async () => {
    const { client, state } = setUp();
    const results = await collect(client.jobs.runAll(many(24, { ms: 15 }), { concurrency: 4 }));
    expectEachOnce(results, 24);
    expect(state.maxInFlight).toBe(4);
    expect(state.inFlight).toBe(0);
  });

  it("defaults to the organization's max_concurrency, and never goes above it", async () => {
    for (const concurrency of [undefined, 8]) {
      const { client, state, requests } = setUp({ maxConcurrency: 3 });
      const progress: BatchProgress[] = [];
      const options: RunAllOptions = { onProgress: (p) => progress.push(p), concurrency };
      const results = await collect(client.jobs.runAll(many(12, { ms: 15 }), options));
      expectEachOnce(results, 12);
      expect(state.maxInFlight).toBe(3);
      expect(progress[0]).toMatchObject({ concurrency: 3, concurrencySource: "account" });
      const reads = requests.filter((r) => r.url.endsWith("/user/concurrency"));
      expect(reads).toHaveLength(1);
    }
  });

  it("takes the option below the limit, and falls back to 10 when the limit cannot be read", async () => {
    const below = setUp({ maxConcurrency: 20 });
    const progress: BatchProgress[] = [];
    await collect(
      below.client.jobs.runAll(many(3), { concurrency: 2, onProgress: (p) => progress.push(p) }),
    );
    expect(progress[0]).toMatchObject({ concurrency: 2, concurrencySource: "options" });

    const down = setUp({ maxConcurrency: "fail" });
    const seen: BatchProgress[] = [];
    const results = await collect(
      down.client.jobs.runAll(many(30, { ms: 20 }), { onProgress: (p) => seen.push(p) }),
    );
    expectEachOnce(results, 30);
    expect(down.state.maxInFlight).toBe(10);
    expect(seen[0]).toMatchObject({ concurrency: 10, concurrencySource: "fallback" });
    expect(seen[0]?.concurrencyError?.message).toMatch(/500/);
  });
});

describe("jobs.runAll: rate limits", () => {
  it("pauses every push for the Retry-After of a 429, then sends the refused push again", async () => {
    const onRetry = vi.fn();
    const { client, pushes } = setUp(
      {
        pushFault: (push) =>
          push === 1 ? { status: 429, headers: { "retry-after-ms": "300" } } : undefined,
      },
      { onRetry },
    );
    const results = await collect(client.jobs.runAll(many(8, { ms: 1 }), { concurrency: 2 }));
    expectEachOnce(results, 8);
    expect(results.every((r) => r.job?.status === "finished")).toBe(true);
    const refusedAt = pushes[1]?.at ?? 0;
    // The other worker's push, and every later one, waited for the pause.
    const later = pushes.slice(2);
    expect(later.length).toBe(7);
    for (const push of later) expect(push.at).toBeGreaterThanOrEqual(refusedAt + 290);
    expect(onRetry).toHaveBeenCalledWith(
      expect.objectContaining({ attempt: 1, delayMs: 300, method: "POST", status: 429 }),
    );
  });

  it("sends again a push refused before it left, and fails an item refused too long", async () => {
    let refusedOnce = false;
    const { client, jobsPerInput, pushes } = setUp({
      pushFault: (_push, inputs) => {
        if (inputs.n === 1) return { status: 429, headers: { "retry-after": "3600" } };
        if (inputs.n !== 0 || refusedOnce) return undefined;
        refusedOnce = true;
        return { code: "ECONNREFUSED" };
      },
    });
    const results = await collect(client.jobs.runAll(many(2), { concurrency: 2 }));
    expect(results.find((r) => r.index === 0)?.job?.status).toBe("finished");
    const refused = results.find((r) => r.index === 1);
    expect(refused?.error?.name).toBe("SieveRateLimitError");
    expect(refused).toMatchObject({ jobMayExist: false });
    expect(jobsPerInput().get(0)).toBe(1);
    expect(pushes.filter((p) => p.inputs.n === 0)).toHaveLength(2);
    expect(pushes.filter((p) => p.inputs.n === 1)).toHaveLength(1);
  });
});

describe("jobs.runAll: pushes that may have created a job", () => {
  it.each([
    ["a 503", { status: 503 }],
    ["a connection reset", { code: "ECONNRESET" }],
  ])("reports %s as SieveAmbiguousPushError and never sends it again", async (_what, fault) => {
    const { client, pushes } = setUp({
      pushFault: (_push, inputs) => (inputs.n === 2 ? fault : undefined),
    });
    const results = await collect(client.jobs.runAll(many(5), { concurrency: 2 }));
    expectEachOnce(results, 5);
    const ambiguous = results.find((r) => r.index === 2);
    expect(ambiguous?.error).toBeInstanceOf(SieveAmbiguousPushError);
    expect(ambiguous).toMatchObject({ jobId: undefined, jobMayExist: true });
    expect(ambiguous?.error?.message).toMatch(/not sent again/);
    expect(pushes.filter((p) => p.inputs.n === 2)).toHaveLength(1);
    expect(results.filter((r) => r.job)).toHaveLength(4);
  });

  it("reports a push refused with a 4xx as created nothing", async () => {
    const { client, pushes } = setUp({ pushFault: () => ({ status: 422 }) });
    const [result] = await collect(client.jobs.runAll([request(0)]));
    expect(result?.error).toBeInstanceOf(SieveValidationError);
    expect(result).toMatchObject({ jobMayExist: false, jobId: undefined });
    expect(pushes).toHaveLength(1);
  });
});

describe("jobs.runAll: stopping", () => {
  it("on abort, stops pushing, cancels every running job and reports each cancel", async () => {
    const { client, pushes, deletes, jobs } = setUp();
    const controller = new AbortController();
    const progress: BatchProgress[] = [];
    const iteration = collect(
      client.jobs.runAll(many(10, { hang: true }), {
        concurrency: 3,
        signal: controller.signal,
        onProgress: (p) => progress.push(p),
      }),
    );
    await vi.waitFor(() => expect(pushes).toHaveLength(3));
    await sleep(20);
    controller.abort();
    const results = await iteration;
    expect(results).toHaveLength(3);
    for (const result of results) {
      expect(result.error).toBeInstanceOf(SieveRunAbortedError);
      expect(result.error).toMatchObject({
        reason: "aborted",
        cancellation: { status: "cancelled" },
      });
      expect(result.jobId).toMatch(/^job-/);
    }
    expect(deletes).toHaveLength(3);
    expect(pushes).toHaveLength(3);
    expect([...jobs.values()].every((fake) => fake.job.status === "cancelled")).toBe(true);
    expect(progress.at(-1)).toMatchObject({ queued: 0, running: 0, cancelled: 3, finished: 0 });
  });

  it("stops an item out of its timeoutMs, cancels its job and counts it failed", async () => {
    const { client, deletes } = setUp();
    const progress: BatchProgress[] = [];
    const requests = [request(0, { hang: true }), request(1)];
    const options = { timeoutMs: 80, onProgress: (p: BatchProgress) => progress.push(p) };
    const results = await collect(client.jobs.runAll(requests, options));
    const late = results.find((r) => r.index === 0);
    expect(late?.error).toBeInstanceOf(SieveRunAbortedError);
    expect(late?.error).toMatchObject({ reason: "timeout", cancellation: { status: "cancelled" } });
    expect(deletes).toHaveLength(1);
    expect(progress.at(-1)).toMatchObject({ finished: 1, failed: 1, cancelled: 0 });
  });

  it("sends nothing with a signal already aborted", async () => {
    const { client, requests } = setUp();
    const results = await collect(client.jobs.runAll(many(3), { signal: AbortSignal.abort() }));
    expect(results).toEqual([]);
    expect(requests).toHaveLength(0);
  });

  it("a break cancels the running jobs before return() resolves", async () => {
    const { client, deletes, pushes } = setUp();
    const requests = [request(0, { ms: 1 }), ...many(4, { hang: true }).slice(1)];
    for await (const result of client.jobs.runAll(requests, { concurrency: 3 })) {
      expect(result.index).toBe(0);
      await vi.waitFor(() => expect(pushes).toHaveLength(4));
      break;
    }
    expect(deletes).toHaveLength(3);
    expect(pushes).toHaveLength(4);
  });
});

describe("jobs.runAll: onProgress", () => {
  it("counts every change, each item in one state, and ignores what the observer throws", async () => {
    const { client } = setUp();
    const seen: BatchProgress[] = [];
    const requests = [...many(6), request(6, { fail: true }), untyped({ inputs: {} })];
    const onProgress = (p: BatchProgress) => {
      seen.push(p);
      throw new Error("observer bug");
    };
    const results = await collect(client.jobs.runAll(requests, { concurrency: 2, onProgress }));
    expectEachOnce(results, 8);
    expect(seen[0]).toMatchObject({ queued: 0, running: 0, finished: 0, failed: 0, cancelled: 0 });
    expect(seen.at(-1)).toMatchObject({
      queued: 0,
      running: 0,
      finished: 6,
      failed: 2,
      cancelled: 0,
    });
    for (const p of seen) expect(p.running).toBeLessThanOrEqual(2);
    // Each of the 8 items is taken, started (but the bad one) and reported: 1 + 8 + 7 + 8 calls.
    expect(seen).toHaveLength(24);
  });
});

describe("jobs.runAll: arguments", () => {
  const bad: Array<[string, unknown, unknown]> = [
    ["requests", "not a list", undefined],
    ["requests", 42, undefined],
    ["options", [], "array"],
    ["options.concurrency", [request(0)], { concurrency: 0 }],
    ["options.concurrency", [request(0)], { concurrency: 1.5 }],
    ["options.concurrency", [request(0)], { concurrency: 10_001 }],
    ["options.signal", [request(0)], { signal: "stop" }],
    ["options.onProgress", [request(0)], { onProgress: 1 }],
    ["options.journal", [request(0)], { journal: "" }],
    ["options.journal.append", [request(0)], { journal: { load: async () => [] } }],
    ["options.onStatus", [request(0)], { onStatus: () => undefined }],
    ["options.intervalMs", [request(0)], { intervalMs: -1 }],
  ];
  it.each(bad)(
    "throws SieveInputError naming %s at the call, before anything is sent",
    (field, requests, options) => {
      const { client, requests: sent } = setUp();
      const given = options === "array" ? [] : options;
      let thrown: unknown;
      try {
        client.jobs.runAll(untyped(requests), untyped(given));
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(SieveInputError);
      expect((thrown as SieveInputError).field).toBe(field);
      expect(sent).toHaveLength(0);
    },
  );
});

describe("jobs.runAll: journal", () => {
  function memoryJournal(
    entries: BatchJournalEntry[] = [],
  ): BatchJournal & { entries: BatchJournalEntry[] } {
    return {
      entries,
      load: async () => [...entries],
      append: async (entry) => void entries.push(entry),
    };
  }

  it("writes each step before acting on it", async () => {
    const journal = memoryJournal();
    const { client } = setUp({
      pushFault: (push) =>
        push === 0 ? { status: 429, headers: { "retry-after-ms": "1" } } : undefined,
    });
    await collect(client.jobs.runAll([request(0)], { journal }));
    expect(journal.entries.map((e) => e.type)).toEqual([
      "pushing",
      "refused",
      "pushing",
      "pushed",
      "ended",
    ]);
    expect(journal.entries.at(-1)).toMatchObject({ index: 0, status: "finished" });
  });

  it("on a rerun, pushes only what never left, waits on known jobs, reports unanswered pushes", async () => {
    const { client, pushes } = setUp({
      pushFault: (_push, inputs) => (inputs.n === 2 ? { status: 502 } : undefined),
    });
    const journal = memoryJournal();
    const requests = many(5);
    // The first run ends items 0 and 1 and records an ambiguous push for 2...
    const first = await collect(
      client.jobs.runAll(requests.slice(0, 3), { journal, concurrency: 1 }),
    );
    expect(first).toHaveLength(3);
    // ...then dies while pushing item 3: its `pushing` line, and nothing after it.
    journal.entries.push({ type: "pushing", index: 3, key: keyOf(requests[3]) });
    const before = pushes.length;

    const results = await collect(client.jobs.runAll(requests, { journal, concurrency: 2 }));
    expectEachOnce(results, 5);
    expect(pushes.slice(before).map((p) => p.inputs.n)).toEqual([4]);
    const byIndex = new Map(results.map((r) => [r.index, r]));
    expect(byIndex.get(0)).toMatchObject({ resumed: true, job: { status: "finished" } });
    expect(byIndex.get(1)).toMatchObject({ resumed: true, job: { status: "finished" } });
    for (const index of [2, 3]) {
      expect(byIndex.get(index)?.error).toBeInstanceOf(SieveAmbiguousPushError);
      expect(byIndex.get(index)).toMatchObject({ resumed: true, jobMayExist: true });
    }
    expect(byIndex.get(4)).toMatchObject({ resumed: false, job: { status: "finished" } });
  });

  it("pushes again an item whose pushes were refused; refuses other requests or a bad journal", async () => {
    const { client, pushes } = setUp();
    const refused = memoryJournal([
      { type: "pushing", index: 0, key: keyOf(request(0)) },
      { type: "refused", index: 0 },
    ]);
    const [again] = await collect(client.jobs.runAll([request(0)], { journal: refused }));
    expect(again?.job?.status).toBe("finished");
    expect(pushes).toHaveLength(1);

    // The same journal with another request at index 0: not pushed.
    const [other] = await collect(client.jobs.runAll([request(7)], { journal: refused }));
    expect(other?.error).toBeInstanceOf(SieveJournalError);
    expect(other).toMatchObject({ jobMayExist: true, resumed: true });
    expect(pushes).toHaveLength(1);

    const garbage = memoryJournal([untyped({ type: "pushed", index: -1 })]);
    const run = collect(client.jobs.runAll([request(0)], { journal: garbage }));
    await expect(run).rejects.toBeInstanceOf(SieveJournalError);
    expect(pushes).toHaveLength(1);
  });

  it("fails the item, pushing nothing, when the journal cannot record the push", async () => {
    const { client, pushes } = setUp();
    const journal: BatchJournal = {
      load: async () => [],
      append: async () => {
        throw new Error("disk full");
      },
    };
    const [result] = await collect(client.jobs.runAll([request(0)], { journal }));
    expect(result?.error).toBeInstanceOf(SieveJournalError);
    expect(result?.error?.message).toMatch(/disk full/);
    expect(result).toMatchObject({ jobMayExist: false });
    expect(pushes).toHaveLength(0);
  });
});
