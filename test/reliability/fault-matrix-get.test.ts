/**
 * The fault matrix for reads (issue 5, item 1), on real timers against the emulator's fault
 * injection: each row asserts the outcome, the error class, how many requests the server got,
 * and how long it took. Backoff is 0.5 s × 2^n less up to 25 % jitter, so the n-th gap lies in
 * [375 × 2^n, 500 × 2^n] ms; upper bounds add generous room for a loaded machine.
 */
import { describe, expect, it } from "vitest";
import {
  jobOutputs,
  SieveApiError,
  SieveAuthenticationError,
  SieveNotFoundError,
  SieveRateLimitError,
  SieveServerError,
  SieveTimeoutError,
  SieveValidationError,
} from "../../src/index.js";
import { createSieveClient } from "../../src/node.js";
import { STATUS_CLASSES } from "../support/status-classes.js";
import {
  ENTRIES,
  arrivalGaps,
  clientOf,
  expectBetween,
  finishedJob,
  timed,
  useReliabilityEmulators,
} from "./support.js";

const emulators = useReliabilityEmulators();
const SLACK = 1_500;

async function setUp(create = createSieveClient, options = {}) {
  const emulator = await emulators.start();
  const sieve = clientOf(create, emulator, options);
  const id = await finishedJob(emulator, sieve);
  const path = `/jobs/${id}`;
  return { emulator, sieve, id, path, polls: () => emulator.requests.count({ path }) };
}

describe.each(ENTRIES)("GET through the %s", (_entry, create) => {
  it("503, 503, then 200: succeeds after 3 requests and two backoffs", async () => {
    const { emulator, sieve, id, path, polls } = await setUp(create);
    emulator.faults.next({ status: 503, times: 2, matching: { method: "GET" } });

    const { value, ms } = await timed(() => sieve.jobs.get(id));

    expect(value?.status).toBe("finished");
    expect(polls()).toBe(3);
    const [first, second] = arrivalGaps(emulator, path) as [number, number];
    expectBetween("first backoff", first, 374, 500 + SLACK);
    expectBetween("second backoff", second, 749, 1_000 + SLACK);
    expectBetween("whole call", ms, 1_120, 1_500 + 2 * SLACK);
  });

  it("429 with Retry-After: 1 waits about 1 s, then succeeds", async () => {
    const { emulator, sieve, id, path, polls } = await setUp(create);
    emulator.faults.next({ status: 429, retryAfter: 1, matching: { path } });

    const { value } = await timed(() => sieve.jobs.get(id));

    expect(value?.id).toBe(id);
    expect(polls()).toBe(2);
    expectBetween("Retry-After wait", arrivalGaps(emulator, path)[0] as number, 999, 1_000 + SLACK);
  });

  it("a connection dropped mid-response is retried", async () => {
    const { emulator, sieve, id, path, polls } = await setUp(create);
    emulator.faults.next({ drop: "mid-response", matching: { path } });

    const { value } = await timed(() => sieve.jobs.get(id));

    expect(jobOutputs(value ?? {}).map((output) => output.data)).toEqual(["hola"]);
    expect(polls()).toBe(2);
    expectBetween("backoff", arrivalGaps(emulator, path)[0] as number, 374, 500 + SLACK);
  });
});

describe("GET retries and their limits (node entry)", () => {
  it("429 with an HTTP-date Retry-After waits until that date", async () => {
    const { emulator, sieve, id, path, polls } = await setUp();
    const at = Math.ceil(Date.now() / 1_000) * 1_000 + 2_000;
    emulator.faults.next({
      status: 429,
      retryAfter: new Date(at).toUTCString(),
      matching: { path },
    });

    const { value } = await timed(() => sieve.jobs.get(id));

    expect(value?.id).toBe(id);
    expect(polls()).toBe(2);
    const retriedAt = emulator.requests.matching({ path })[1]?.time ?? 0;
    expectBetween("retry arrival after the date", retriedAt - at, -2, SLACK);
  });

  it("429 asking more than maxRetryDelayMs fails at once with retryAfterMs", async () => {
    const { emulator, sieve, id, polls } = await setUp();
    emulator.faults.next({ status: 429, retryAfter: 30, matching: { method: "GET" } });

    const { error, ms } = await timed(() => sieve.jobs.get(id));

    expect(error).toBeInstanceOf(SieveRateLimitError);
    expect(error).toMatchObject({ status: 429, retryAfterMs: 30_000 });
    expect(polls()).toBe(1);
    expectBetween("no sleep", ms, 0, 1_000);
  });

  it("a connection dropped before any response is retried", async () => {
    const { emulator, sieve, id, path, polls } = await setUp();
    emulator.faults.next({ drop: "before-response", matching: { path } });

    expect((await sieve.jobs.get(id)).id).toBe(id);
    expect(polls()).toBe(2);
    expectBetween("backoff", arrivalGaps(emulator, path)[0] as number, 374, 500 + SLACK);
  });

  it("a server slower than timeoutMs: SieveTimeoutError after maxRetries + 1 attempts", async () => {
    const { emulator, sieve, id, polls } = await setUp(createSieveClient, { timeoutMs: 300 });
    emulator.faults.next({ latencyMs: 4_000, times: 3, matching: { method: "GET" } });

    const { error, ms } = await timed(() => sieve.jobs.get(id));

    expect(error).toBeInstanceOf(SieveTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 300, method: "GET" });
    expect(polls()).toBe(3);
    expectBetween("3 attempts and 2 backoffs", ms, 3 * 300 + 375 + 750, 3 * 300 + 1_500 + SLACK);
  });

  it("an HTML 502 page from a proxy: SieveServerError with its text as detail", async () => {
    const { emulator, sieve, id, polls } = await setUp(createSieveClient, { maxRetries: 1 });
    const page =
      "<html><head><title>502 Bad Gateway</title><style>body{color:red}</style></head>" +
      "<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>";
    emulator.faults.next({ status: 502, times: 2, body: page, contentType: "text/html" });

    const { error, ms } = await timed(() => sieve.jobs.get(id));

    expect(error).toBeInstanceOf(SieveServerError);
    expect(error).toMatchObject({ status: 502, detail: "502 Bad Gateway 502 Bad Gateway nginx" });
    expect((error as Error).message).toContain("502 Bad Gateway");
    expect(polls()).toBe(2);
    expectBetween("one backoff", ms, 374, 500 + SLACK);
  });

  it("a 200 with broken JSON: a SieveApiError that says so, sent once", async () => {
    const { emulator, sieve, id, polls } = await setUp();
    emulator.faults.next({ status: 200, body: '{"id": "abc", "status": ' });

    const { error, ms } = await timed(() => sieve.jobs.get(id));

    expect(error).toBeInstanceOf(SieveApiError);
    expect((error as object).constructor).toBe(SieveApiError);
    expect(error).not.toBeInstanceOf(SyntaxError);
    expect((error as SieveApiError).detail).toMatch(/not valid JSON.*does not parse as JSON/);
    expect(polls()).toBe(1);
    expectBetween("no retry", ms, 0, 1_000);
  });
});

describe("statuses that are never retried (node entry, maxRetries 2)", () => {
  const fastApi422 = JSON.stringify({
    detail: [{ loc: ["query", "offset"], msg: "must be >= 0", type: "value_error", input: "-1" }],
  });
  const neverRetried = STATUS_CLASSES.filter(([status]) =>
    [400, 401, 402, 403, 404, 422].includes(status),
  );
  it.each(neverRetried)(
    "%i: one request, no retry, its own error class",
    async (status, ErrorClass) => {
      const body = status === 422 ? fastApi422 : undefined;
      const { emulator, sieve, id, polls } = await setUp();
      emulator.faults.next({ status, ...(body ? { body } : {}) });

      const { error, ms } = await timed(() => sieve.jobs.get(id));

      expect(error).toBeInstanceOf(ErrorClass);
      expect(error).toMatchObject({ status });
      expect(polls()).toBe(1);
      expectBetween("no retry", ms, 0, 1_000);
      if (status === 422) expect((error as SieveValidationError).issues).toHaveLength(1);
    },
  );

  it("the emulator's own 401 (a wrong key) and 404 (an unknown job)", async () => {
    const { emulator, id } = await setUp();
    const wrongKey = clientOf(createSieveClient, emulator, { apiKey: "not-the-key" });
    const sieve = clientOf(createSieveClient, emulator);
    const unknown = "00000000-0000-4000-8000-000000000000";

    expect((await timed(() => wrongKey.jobs.get(id))).error).toBeInstanceOf(
      SieveAuthenticationError,
    );
    expect((await timed(() => sieve.jobs.get(unknown))).error).toBeInstanceOf(SieveNotFoundError);
    expect(emulator.requests.count({ method: "GET" })).toBe(2);
  });
});
