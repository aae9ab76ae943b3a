/**
 * Fuzzed bad input: for arbitrary strings and numbers, every call either throws SieveInputError
 * having sent nothing, or sends exactly one request to exactly the intended path, each value
 * percent-encoded in its own segment or query parameter: never another path, never a `..`
 * escape, never an injected query parameter. The properties do not restate the client's rules;
 * they only say where a request may go.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSieveClient, SieveInputError } from "../../src/index.js";

const BASE = "https://api.test/v2";

function recordingClient() {
  const sent: Request[] = [];
  const fetch = async (url: string, init: RequestInit) => {
    const request = new Request(url, init);
    sent.push(request);
    const body = JSON.stringify(answerFor(request));
    return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  };
  return {
    sieve: createSieveClient({ apiKey: "fuzz-key", baseUrl: BASE, fetch, maxRetries: 0 }),
    sent,
  };
}

/** A body of the shape each operation returns, so only where the request went is tested. */
function answerFor(request: Request): unknown {
  const path = new URL(request.url).pathname;
  if (request.method === "POST") return { id: "job-1" };
  if (request.method === "DELETE") return { message: "cancelled" };
  if (path.endsWith("/versions")) return [];
  if (path === "/v2/jobs" || path.endsWith("/jobs")) return { data: [], next_offset: -1 };
  if (path.startsWith("/v2/jobs/")) return { id: "job-1", status: "queued" };
  return {};
}

/** Either a SieveInputError with no request sent, or exactly one request: returns it, or undefined. */
async function outcome(
  call: () => Promise<unknown>,
  sent: Request[],
): Promise<Request | undefined> {
  try {
    await call();
  } catch (error) {
    expect(error).toBeInstanceOf(SieveInputError);
    expect(sent).toHaveLength(0);
    return undefined;
  }
  expect(sent).toHaveLength(1);
  return sent[0];
}

/** The decoded path segments after /v2, checking that no segment is empty or a dot segment. */
function segmentsOf(url: string): string[] {
  const { pathname } = new URL(url);
  expect(pathname.startsWith("/v2/")).toBe(true);
  const raw = pathname.slice("/v2/".length).split("/");
  for (const segment of raw) expect(segment).not.toBe("");
  return raw.map(decodeURIComponent);
}

const text = fc.oneof(
  fc.string(),
  fc.string({ unit: "binary" }),
  fc.constantFrom(
    "",
    ".",
    "..",
    "../admin",
    "a/b",
    "%2e%2e",
    "a?b=1",
    "a#b",
    "a b",
    "\\..\\x",
    "..%2F",
    "ü/ñ",
  ),
);
const runs = { numRuns: 300 };

describe("fuzzed path parameters", () => {
  it("job ids reach /v2/jobs/{id} and nothing else", async () => {
    await fc.assert(
      fc.asyncProperty(
        text,
        fc.constantFrom("get", "cancel") as fc.Arbitrary<"get" | "cancel">,
        async (jobId, method) => {
          const { sieve, sent } = recordingClient();
          const request = await outcome(() => sieve.jobs[method](jobId), sent);
          if (!request) return;
          expect(segmentsOf(request.url)).toEqual(["jobs", jobId]);
          expect(new URL(request.url).search).toBe("");
        },
      ),
      runs,
    );
  });

  it("function refs reach /v2/functions/{owner}/{name}[/versions|/jobs] and nothing else", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          text,
          fc.tuple(text, text).map(([a, b]) => `${a}/${b}`),
        ),
        fc.constantFrom("get", "versions", "jobs") as fc.Arbitrary<"get" | "versions" | "jobs">,
        async (ref, method) => {
          const { sieve, sent } = recordingClient();
          const request = await outcome(() => sieve.functions[method](ref), sent);
          if (!request) return;
          const segments = segmentsOf(request.url);
          const suffix = method === "get" ? [] : [method];
          expect(segments.length).toBe(3 + suffix.length);
          expect(segments.slice(3)).toEqual(suffix);
          expect(`${segments[1]}/${segments[2]}`).toBe(ref);
        },
      ),
      runs,
    );
  });

  it("pushed function refs and ids travel unchanged in the body, to /v2/push only", async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.boolean(), async (value, asId) => {
        const { sieve, sent } = recordingClient();
        const body = asId ? { id: value, inputs: {} } : { function: value, inputs: {} };
        const request = await outcome(() => sieve.jobs.push(body), sent);
        if (!request) return;
        expect(segmentsOf(request.url)).toEqual(["push"]);
        expect(await request.json()).toEqual(body);
      }),
      runs,
    );
  });
});

describe("fuzzed webhooks", () => {
  it("only absolute http(s) URLs are sent, unchanged", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          text,
          fc.webUrl(),
          fc.webUrl().map((u) => u.replace(/^https?/, "ftp")),
        ),
        async (url) => {
          const { sieve, sent } = recordingClient();
          const body = {
            function: "sieve/dubbing",
            inputs: {},
            webhooks: [{ type: "job.complete" as const, url }],
          };
          const request = await outcome(() => sieve.jobs.push(body), sent);
          if (!request) return;
          expect(["http:", "https:"]).toContain(new URL(url).protocol);
          expect((await request.json()).webhooks).toEqual([{ type: "job.complete", url }]);
        },
      ),
      runs,
    );
  });
});

describe("fuzzed limits and offsets", () => {
  const count = fc.oneof(
    fc.integer({ min: -1_000, max: 1_000_000 }),
    fc.double(),
    fc.constantFrom(Number.NaN, Infinity, -0, 2 ** 53, "10", "1&status=error", null, true),
  );

  it("reach the query as exactly limit and offset, or are refused", async () => {
    await fc.assert(
      fc.asyncProperty(count, count, async (limit, offset) => {
        const { sieve, sent } = recordingClient();
        const request = await outcome(() => sieve.jobs.list({ limit, offset } as never), sent);
        if (!request) return;
        const query = new URL(request.url).searchParams;
        expect([...query.keys()].sort()).toEqual(["limit", "offset"]);
        // === rather than toBe: -0 is a fine way to write 0, and it is sent as "0".
        expect(Number(query.get("limit")) === limit).toBe(true);
        expect(Number(query.get("offset")) === offset).toBe(true);
        expect(Number.isSafeInteger(limit) && (limit as number) >= 0).toBe(true);
      }),
      runs,
    );
  });

  it("output offsets on jobs.get reach ?offset=N only", async () => {
    await fc.assert(
      fc.asyncProperty(count, async (offset) => {
        const { sieve, sent } = recordingClient();
        const request = await outcome(() => sieve.jobs.get("job-1", { offset } as never), sent);
        if (!request) return;
        const query = new URL(request.url).searchParams;
        expect([...query.entries()]).toEqual([["offset", String(offset)]]);
      }),
      runs,
    );
  });
});
