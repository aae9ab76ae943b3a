/**
 * `createSieveClient` options: defaults from `SIEVE_API_KEY` / `SIEVE_API_URL`, and a
 * `SieveConfigError` at creation (before any request) for each bad option.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  createSieveClient,
  SieveConfigError,
  SieveError,
  type SieveClientOptions,
} from "../../../src/index.js";
import { DEFAULT_BASE_URL, resolveConfig } from "../../../src/core/config/resolve-config.js";
import { MAX_TIMER_MS } from "../../../src/core/validation/rules.js";
import { jobPage } from "../../support/fixtures.js";
import { fakeFetch, reply, untyped } from "../../support/fake-fetch.js";

afterEach(() => vi.unstubAllEnvs());

/** Creates a client with `options` and lists the one request a `jobs.list()` sends. */
async function listWith(options: SieveClientOptions): Promise<Request> {
  const { fetch, requests } = fakeFetch(reply(200, jobPage));
  await createSieveClient({ fetch, ...options }).jobs.list();
  expect(requests).toHaveLength(1);
  return requests[0] as Request;
}

function expectConfigError(options: unknown, message: string | RegExp): void {
  const { fetch } = fakeFetch(reply(200, jobPage));
  const create = () => createSieveClient({ fetch, ...(options as SieveClientOptions) });
  expect(create).toThrow(SieveConfigError);
  expect(create).toThrow(message);
  expect(fetch).not.toHaveBeenCalled();
}

describe("the API key", () => {
  it.each([
    ["missing", {}],
    ["empty", { apiKey: "" }],
    ["blank", { apiKey: "  \t" }],
    ["null", { apiKey: null }],
  ])("%s, with no SIEVE_API_KEY: says how to set it", (_what, options) => {
    vi.stubEnv("SIEVE_API_KEY", undefined);
    expectConfigError(options, "SIEVE_API_KEY");
  });

  it("an empty SIEVE_API_KEY counts as missing", () => {
    vi.stubEnv("SIEVE_API_KEY", "");
    expectConfigError({}, "SIEVE_API_KEY");
  });

  it("defaults to SIEVE_API_KEY", async () => {
    vi.stubEnv("SIEVE_API_KEY", "env-key-1234");
    const sent = await listWith({ baseUrl: "https://api.test/v2" });
    expect(sent.headers.get("x-api-key")).toBe("env-key-1234");
  });

  it("an apiKey option wins over SIEVE_API_KEY, trimmed", async () => {
    vi.stubEnv("SIEVE_API_KEY", "env-key-1234");
    const sent = await listWith({ apiKey: " opt-key-5678\t", baseUrl: "https://api.test/v2" });
    expect(sent.headers.get("x-api-key")).toBe("opt-key-5678");
  });

  it.each([["a\nb"], ["a\rb"], ["a\0b"]])("refuses a key holding %j", (apiKey) => {
    expectConfigError({ apiKey }, "line break or NUL");
  });

  it("refuses a key that is not a string", () => {
    expectConfigError({ apiKey: 1234 }, "apiKey must be a string");
  });
});

describe("the base URL", () => {
  it("defaults to SIEVE_API_URL, then to the public API", async () => {
    vi.stubEnv("SIEVE_API_URL", "http://127.0.0.1:4010/v2");
    expect((await listWith({ apiKey: "k-1234" })).url).toBe("http://127.0.0.1:4010/v2/jobs");

    vi.stubEnv("SIEVE_API_URL", undefined);
    expect((await listWith({ apiKey: "k-1234" })).url).toBe(`${DEFAULT_BASE_URL}/jobs`);
    expect(DEFAULT_BASE_URL).toBe("https://mango.sievedata.com/v2");
  });

  it("drops trailing slashes", async () => {
    const sent = await listWith({ apiKey: "k-1234", baseUrl: "https://api.test/v2//" });
    expect(sent.url).toBe("https://api.test/v2/jobs");
  });

  it.each([
    ["http://api.test/v2"],
    ["http://10.0.0.5:8080"],
    ["http://localhost.evil.test"],
    ["http://127.0.0.1.nip.io"],
  ])("refuses plain http to a remote host: %s", (baseUrl) => {
    expectConfigError({ apiKey: "k-1234", baseUrl }, /plain http:\/\/.*allowInsecureHttp/);
  });

  it("allows plain http to a remote host with allowInsecureHttp: true", async () => {
    const baseUrl = "http://sieve-mock.internal:8080/v2";
    const sent = await listWith({ apiKey: "k-1234", baseUrl, allowInsecureHttp: true });
    expect(sent.url).toBe(`${baseUrl}/jobs`);
  });

  it.each([
    ["http://127.0.0.1:4010"],
    ["http://localhost:4010/v2"],
    ["http://api.localhost"],
    ["http://127.1.2.3"],
    ["http://[::1]:4010"],
  ])("allows plain http to the loopback host %s", (baseUrl) => {
    expect(() => createSieveClient({ apiKey: "k-1234", baseUrl })).not.toThrow();
  });

  it.each([
    ["not a url", "not an absolute URL"],
    ["/v2", "not an absolute URL"],
    ["ftp://api.test/v2", "https://"],
    ["https://user:pw@api.test/v2", "credentials"],
    ["https://api.test/v2?region=eu", "query"],
    ["https://api.test/v2#top", "fragment"],
  ])("refuses %j", (baseUrl, message) => {
    expectConfigError({ apiKey: "k-1234", baseUrl }, message);
  });

  it("refuses a base URL that is not a string", () => {
    expectConfigError({ apiKey: "k-1234", baseUrl: new URL("https://api.test") }, "string URL");
  });
});

describe("other options", () => {
  const base = { apiKey: "k-1234", baseUrl: "https://api.test/v2" };

  it("refuses an unknown option, naming it", () => {
    expectConfigError({ ...base, retries: 3 }, 'Unknown option "retries"');
  });

  it("refuses options that are not an object", () => {
    expect(() => createSieveClient(untyped("k-1234"))).toThrow(SieveConfigError);
  });

  it.each([["X-API-Key"], ["x-api-key"], ["X-Api-Key"]])("refuses %s in headers", (name) => {
    expectConfigError({ ...base, headers: { [name]: "other" } }, "apiKey");
  });

  it("refuses headers that are not strings or not an object", () => {
    expectConfigError({ ...base, headers: { "X-Count": 1 } }, 'headers["X-Count"]');
    expectConfigError({ ...base, headers: [["a", "b"]] }, "headers must be an object");
  });

  it.each([[1.5], [-1], ["2"], [Number.NaN], [Number.POSITIVE_INFINITY]])(
    "refuses maxRetries %j",
    (maxRetries) => {
      expectConfigError({ ...base, maxRetries }, "maxRetries must be a non-negative integer");
    },
  );

  it.each([[0], [-1], [MAX_TIMER_MS + 1], [Number.NaN], ["100"]])(
    "refuses timeoutMs and maxRetryDelayMs %j",
    (value) => {
      expectConfigError({ ...base, timeoutMs: value }, `timeoutMs must be a number`);
      expectConfigError({ ...base, maxRetryDelayMs: value }, `maxRetryDelayMs must be a number`);
    },
  );

  it("accepts the limits themselves", () => {
    const config = resolveConfig(
      { ...base, maxRetries: 0, timeoutMs: MAX_TIMER_MS, maxRetryDelayMs: 1 },
      {},
    );
    expect(config).toMatchObject({ maxRetries: 0, timeoutMs: MAX_TIMER_MS, maxRetryDelayMs: 1 });
    expect(MAX_TIMER_MS).toBe(2 ** 31 - 1);
  });

  it("has the documented defaults", () => {
    expect(resolveConfig(base, {})).toMatchObject({
      maxRetries: 2,
      timeoutMs: 60_000,
      maxRetryDelayMs: 60_000,
    });
  });

  it("refuses an onRetry that is not a function", () => {
    expectConfigError({ ...base, onRetry: "log" }, "onRetry must be a function");
  });

  it("refuses to start without any fetch", () => {
    vi.stubGlobal("fetch", undefined);
    try {
      expect(() => createSieveClient(base)).toThrow(/No fetch/);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it("is a SieveError", () => {
    expect(new SieveConfigError("x")).toBeInstanceOf(SieveError);
  });
});

describe("headers", () => {
  const base = { apiKey: "k-1234", baseUrl: "https://api.test/v2" };

  it("sends extra headers besides the key and the default User-Agent", async () => {
    const sent = await listWith({ ...base, headers: { "X-Request-Source": "billing" } });
    expect(sent.headers.get("x-request-source")).toBe("billing");
    expect(sent.headers.get("user-agent")).toMatch(/^sieve-client\/\d+\.\d+\.\d+/);
    expect(sent.headers.get("x-api-key")).toBe("k-1234");
  });

  it.each([["User-Agent"], ["user-agent"]])("a custom %s replaces the default", async (name) => {
    const sent = await listWith({ ...base, headers: { [name]: "billing/2.0" } });
    expect(sent.headers.get("user-agent")).toBe("billing/2.0");
  });
});
